/**
 * What MFA and login protection need from the store. Kept beside the core's `Repositories` (like the
 * token repositories) because each write here is one conditional statement that decides by itself:
 * a code is accepted, a challenge completed, a send claimed by the database, never by a read before it.
 */
import type { Tag } from '../users/user.js';
import type { LoginPolicySettings } from '../login-protection/login-policy.js';
import type { AssignmentStatus, MfaDevice } from './mfa-device.js';
import type { ProtectionMethod } from '../login-profiles/login-profile.js';

export interface MfaDeviceRepository {
  /** @throws already-exists when the name is taken in the account (case-insensitively) */
  create(device: MfaDevice): Promise<void>;
  findById(accountId: string, id: string): Promise<MfaDevice | undefined>;
  findByName(accountId: string, name: string): Promise<MfaDevice | undefined>;
  /** the device enabled for the user, if any */
  findEnabledForUser(userId: string): Promise<MfaDevice | undefined>;
  /** devices enabled for or created for the user, oldest first */
  listForUser(userId: string): Promise<MfaDevice[]>;
  /** the account's devices by name, oldest first */
  list(accountId: string, status: AssignmentStatus): Promise<MfaDevice[]>;
  /**
   * Assigns an unassigned device to the user and records the step of the second code.
   * INVARIANT: one conditional UPDATE (`user_id IS NULL`), and a unique index on `user_id`: a device
   * enabled twice or a user given a second device fails in the database.
   * @returns false when the device is already assigned; @throws already-exists when the user has a device
   */
  enable(id: string, userId: string, step: number, at: number): Promise<boolean>;
  /**
   * Records `step` as accepted only if it is newer than the last accepted one.
   * INVARIANT: `UPDATE ... WHERE last_step IS NULL OR last_step < step`: of two nodes racing with one
   * code, exactly one changes the row.
   */
  acceptStep(id: string, step: number): Promise<boolean>;
  /** resync: the step of the second code becomes the last accepted (may move back after a clock drift) */
  resync(id: string, step: number, previous: number | null): Promise<boolean>;
  /** unassigns an enabled device; false when it was not enabled for `userId` */
  deactivate(id: string, userId: string): Promise<boolean>;
  /** deletes an unassigned device and its tags; false when it is enabled or gone */
  delete(id: string): Promise<boolean>;
  listTags(id: string): Promise<Tag[]>;
  putTags(id: string, tags: Tag[]): Promise<void>;
  removeTags(id: string, keys: string[]): Promise<void>;
}

export type SecondFactorMethod = 'vmfa' | 'sms' | 'email';

/** A password sign-in waiting for its second factor. */
export interface SignInChallenge {
  /** 32 lowercase hex from the OS generator: the bearer of a challenge must not be able to guess another */
  id: string;
  accountId: string;
  userId: string;
  sourceIp: string | null;
  method: SecondFactorMethod;
  /** SECURITY: false for a decoy (wrong password): it can never complete, and looks the same until then */
  passwordOk: boolean;
  failures: number;
  /** sha-256 of the one-time code sent for this challenge (sms, email) */
  codeHash: string | null;
  codeExpiresAt: number | null;
  expiresAt: number;
  completedAt: number | null;
  createdAt: number;
}

export interface SignInChallengeRepository {
  create(challenge: SignInChallenge): Promise<void>;
  find(id: string): Promise<SignInChallenge | undefined>;
  /** one more wrong code, if the challenge still lives; the new count, or null when it was already dead */
  recordWrongCode(id: string, maxFailures: number): Promise<number | null>;
  /** INVARIANT: conditional on not completed and alive: one completion per challenge */
  complete(id: string, at: number, maxFailures: number): Promise<boolean>;
  setCode(id: string, codeHash: string, codeExpiresAt: number): Promise<void>;
}

/** MFA on sensitive operations (Volcengine SecurityConfig, Kingsoft OpenSecurityProtection), per user. */
export interface OperationProtection {
  enabled: boolean;
  /** Volcengine SafeAuthType words: phone, email, vmfa */
  methods: ProtectionMethod[];
  /** Volcengine SafeAuthExemptDuration: 5-30 minutes, 10 by default */
  exemptMinutes: number;
}

export interface MfaStore {
  findOperationProtection(userId: string): Promise<OperationProtection | undefined>;
  putOperationProtection(userId: string, protection: OperationProtection, at: number): Promise<void>;
  devices: MfaDeviceRepository;
  challenges: SignInChallengeRepository;
  /**
   * Claims the one send allowed per `intervalMs` for a user and channel.
   * INVARIANT: an upsert conditional on the last send being old enough: parallel sends claim once.
   */
  claimSend(userId: string, channel: 'sms' | 'email', now: number, intervalMs: number): Promise<{ claimed: boolean; lastSentAt: number }>;
  /** gives back a claim whose send failed, so the user may try again at once */
  releaseSend(userId: string, channel: 'sms' | 'email', sentAt: number): Promise<void>;
  /** the exemption window: this client (a hash of its opaque id) skips the second factor until `expiresAt` */
  trustDevice(userId: string, deviceHash: string, expiresAt: number): Promise<void>;
  isTrusted(userId: string, deviceHash: string, now: number): Promise<boolean>;
  findLoginPolicy(accountId: string): Promise<Partial<LoginPolicySettings> | undefined>;
  putLoginPolicy(accountId: string, settings: LoginPolicySettings, at: number): Promise<void>;
  /**
   * One failed sign-in inside the policy's window: the count restarts when the first failure counted is
   * older than `windowMs`, and the profile locks at `threshold`.
   * INVARIANT: one UPDATE ... RETURNING; its SET expressions read the old row on both engines.
   */
  recordFailedSignIn(userId: string, threshold: number, lockedUntil: number, now: number, windowMs: number): Promise<{ failedAttempts: number; lockedUntil: number | null }>;
}
