import { Actions } from '../authorization/actions.js';
import type { ResourceRef } from '../authorization/authorizer.js';
import { runCommand, type CoreDeps } from '../deps.js';
import { AlreadyExistsError, DeleteConflictError, InvalidInputError, LimitExceededError, NotFoundError } from '../errors.js';
import type { CallContext } from '../principal.js';
import { findUser, requireUser, userResource, type UserRef } from '../users/user-ref.js';
import { MAX_TAGS_PER_USER, type Tag, type User } from '../users/user.js';
import { InvalidAuthenticationCodeError } from './errors.js';
import type { AssignmentStatus, CreatedMfaDevice, MfaDevice, MfaDeviceView } from './mfa-device.js';
import type { MfaStore } from './ports.js';
import { isCodeOfStep, matchTotpStep, newTotpSeed, otpauthUri, totpStep } from './totp.js';

/** Dialects name a device by its name (from an AWS ARN or a Huawei serial number) or by id. */
export type MfaDeviceRef = { id: string } | { name: string };

export interface CreateMfaDeviceInput {
  name: string;
  path?: string;
  tags?: Tag[];
  /** Huawei CreateMfaDevice `user_id`: the device is made for this user (who binds it later) */
  forUser?: UserRef;
  /** the label an authenticator app shows: AWS `<deviceName>@<AccountName>` */
  label: string;
}

/** AWS ResyncMFADevice: how far a drifted phone may be, in steps either side (5 minutes) */
const RESYNC_WINDOW_STEPS = 10;

/**
 * Virtual MFA devices (AWS CreateVirtualMFADevice ... ; Huawei OS-MFA and v5 MFA devices): seeds
 * sealed at rest and shown once, binding with two consecutive codes, codes never accepted twice.
 */
export class MfaDevicesService {
  constructor(
    private readonly deps: CoreDeps,
    private readonly mfa: MfaStore,
    private readonly issuer = 'polyiam',
  ) {}

  /**
   * Makes a device with a fresh seed; the seed, URI and QR code are returned this once only.
   * @throws access-denied | already-exists | not-found (forUser)
   */
  create(ctx: CallContext, input: CreateMfaDeviceInput): Promise<CreatedMfaDevice> {
    const { store, clock, ids, secretBox } = this.deps;
    const accountId = ctx.principal.accountId;
    const resource: ResourceRef = { type: 'mfa', accountId, name: input.name, path: input.path ?? '/' };
    return runCommand(this.deps, ctx, Actions.createMfaDevice, resource, async () => {
      const owner = input.forUser ? await requireUser(store, accountId, input.forUser) : null;
      // Huawei CreateMfaDevice: 409 when the user already has a virtual MFA device
      if (owner && (await this.mfa.devices.listForUser(owner.id)).length > 0) throw new AlreadyExistsError('mfa-device', owner.name);
      if (input.tags && input.tags.length > MAX_TAGS_PER_USER) throw new LimitExceededError('tag', MAX_TAGS_PER_USER, 'mfa-device');
      const seed = newTotpSeed();
      const now = clock.now();
      const device: MfaDevice = {
        id: ids.hexId(),
        accountId,
        name: input.name,
        path: input.path ?? '/',
        intendedUserId: owner?.id ?? null,
        userId: null,
        // SECURITY: sealed at rest like access-key secrets; the plain seed lives only in this call
        sealedSeed: secretBox.seal(seed),
        enabledAt: null,
        lastAcceptedStep: null,
        createdAt: now,
      };
      const uri = otpauthUri(this.issuer, input.label, seed);
      // loaded on first use: a start that binds no device need not pay its memory (#17)
      const QRCode = (await import('qrcode')).default;
      const qrCodePng = await QRCode.toBuffer(uri, { type: 'png', errorCorrectionLevel: 'M' });
      await this.mfa.devices.create(device);
      if (input.tags?.length) await this.mfa.devices.putTags(device.id, input.tags);
      return { device: this.view(device, null, input.tags ?? []), base32Seed: seed, otpauthUri: uri, qrCodePng };
    });
  }

  /**
   * Binds a device to a user with two consecutive codes (AWS EnableMFADevice AuthenticationCode1/2,
   * Huawei authentication_code_first/second).
   * @throws access-denied | not-found | already-exists | invalid-input (authenticationCode)
   */
  enable(ctx: CallContext, ref: UserRef, device: MfaDeviceRef, code1: string, code2: string): Promise<void> {
    const { store, clock } = this.deps;
    const accountId = ctx.principal.accountId;
    return runCommand(this.deps, ctx, Actions.enableMfaDevice, userResource(accountId, ref, store), async () => {
      const user = await requireUser(store, accountId, ref);
      const found = await this.requireDevice(accountId, device);
      if (found.userId !== null) throw new AlreadyExistsError('mfa-device', found.name);
      if (found.intendedUserId !== null && found.intendedUserId !== user.id) throw new InvalidInputError('serialNumber', `the MFA device \`${found.name}\` was created for another user`);
      if (await this.mfa.devices.findEnabledForUser(user.id)) throw new LimitExceededError('mfa-device', 1, 'user');
      const seed = this.deps.secretBox.open(found.sealedSeed);
      const now = clock.now();
      // the second code is the current one (±1 step); the first must be the step right before it
      const second = matchTotpStep(seed, code2, now);
      if (second === null) throw new InvalidAuthenticationCodeError('second');
      if (!isCodeOfStep(seed, code1, second - 1)) throw new InvalidAuthenticationCodeError('first');
      if (found.lastAcceptedStep !== null && second <= found.lastAcceptedStep) throw new InvalidAuthenticationCodeError('second');
      if (!(await this.mfa.devices.enable(found.id, user.id, second, now))) throw new AlreadyExistsError('mfa-device', found.name);
      this.deps.changes.emit({ kind: 'user', id: user.id });
    });
  }

  /** AWS ResyncMFADevice: two consecutive codes from a drifted device. @throws access-denied | not-found | invalid-input */
  resync(ctx: CallContext, ref: UserRef, device: MfaDeviceRef, code1: string, code2: string): Promise<void> {
    const { store, clock } = this.deps;
    const accountId = ctx.principal.accountId;
    return runCommand(this.deps, ctx, Actions.resyncMfaDevice, userResource(accountId, ref, store), async () => {
      const user = await requireUser(store, accountId, ref);
      const found = await this.requireDevice(accountId, device);
      if (found.userId !== user.id) throw new NotFoundError('mfa-device', found.name);
      const seed = this.deps.secretBox.open(found.sealedSeed);
      const now = clock.now();
      const current = totpStep(now);
      let second: number | null = null;
      for (let step = current - RESYNC_WINDOW_STEPS; step <= current + RESYNC_WINDOW_STEPS && second === null; step++) {
        if (isCodeOfStep(seed, code2, step) && isCodeOfStep(seed, code1, step - 1)) second = step;
      }
      if (second === null) throw new InvalidAuthenticationCodeError('second');
      if (!(await this.mfa.devices.acceptStep(found.id, second))) throw new InvalidAuthenticationCodeError('second');
    });
  }

  /**
   * Unbinds the user's device (AWS DeactivateMFADevice, Huawei unbind / v5 disable). With `code` (Huawei
   * v3 unbind by the device's own user) the code must be valid and unused.
   * @throws access-denied | not-found | invalid-input (authenticationCode)
   */
  deactivate(ctx: CallContext, ref: UserRef, device: MfaDeviceRef, code?: string): Promise<void> {
    const { store, clock } = this.deps;
    const accountId = ctx.principal.accountId;
    return runCommand(this.deps, ctx, Actions.disableMfaDevice, userResource(accountId, ref, store), async () => {
      const user = await requireUser(store, accountId, ref);
      const found = await this.requireDevice(accountId, device);
      if (found.userId !== user.id) throw new NotFoundError('mfa-device', found.name);
      if (code !== undefined && !(await this.acceptCode(found, code, clock.now()))) throw new InvalidAuthenticationCodeError();
      if (!(await this.mfa.devices.deactivate(found.id, user.id))) throw new NotFoundError('mfa-device', found.name);
      this.deps.changes.emit({ kind: 'user', id: user.id });
    });
  }

  /** Deletes an unassigned device. @throws access-denied | not-found | delete-conflict */
  delete(ctx: CallContext, device: MfaDeviceRef): Promise<void> {
    const accountId = ctx.principal.accountId;
    return runCommand(this.deps, ctx, Actions.deleteMfaDevice, this.resourceOf(accountId, device), async () => {
      const found = await this.requireDevice(accountId, device);
      if (found.userId !== null) throw new DeleteConflictError('mfa-device', found.name, ['enabled-mfa-device']);
      if (!(await this.mfa.devices.delete(found.id))) throw new DeleteConflictError('mfa-device', found.name, ['enabled-mfa-device']);
    });
  }

  /** The devices enabled for a user (AWS ListMFADevices). @throws access-denied | not-found */
  listForUser(ctx: CallContext, ref: UserRef): Promise<MfaDeviceView[]> {
    const { store } = this.deps;
    const accountId = ctx.principal.accountId;
    return runCommand(this.deps, ctx, Actions.listMfaDevices, userResource(accountId, ref, store), async () => {
      const user = await requireUser(store, accountId, ref);
      const device = await this.mfa.devices.findEnabledForUser(user.id);
      return device ? [this.view(device, user, await this.mfa.devices.listTags(device.id))] : [];
    });
  }

  /** Devices enabled for or made for a user (Huawei ShowUserMfaDevice; v5 ListMfaDevicesV5 as `list`). @throws access-denied | not-found */
  devicesOf(ctx: CallContext, ref: UserRef, purpose: 'show' | 'list' = 'show'): Promise<MfaDeviceView[]> {
    const { store } = this.deps;
    const accountId = ctx.principal.accountId;
    const action = purpose === 'list' ? Actions.listMfaDevices : Actions.getMfaDevice;
    return runCommand(this.deps, ctx, action, userResource(accountId, ref, store), async () => {
      const user = await requireUser(store, accountId, ref);
      return (await this.mfa.devices.listForUser(user.id)).map((d) => this.view(d, user, []));
    });
  }

  /** The account's virtual devices (AWS ListVirtualMFADevices AssignmentStatus). @throws access-denied */
  listVirtual(ctx: CallContext, status: AssignmentStatus): Promise<MfaDeviceView[]> {
    const accountId = ctx.principal.accountId;
    return runCommand(this.deps, ctx, Actions.listVirtualMfaDevices, { type: 'account', accountId }, async () => {
      const devices = await this.mfa.devices.list(accountId, status);
      return Promise.all(devices.map(async (d) => this.view(d, await this.userOf(accountId, d), await this.mfa.devices.listTags(d.id))));
    });
  }

  /** One device (AWS GetMFADevice). @throws access-denied | not-found */
  get(ctx: CallContext, device: MfaDeviceRef): Promise<MfaDeviceView> {
    const accountId = ctx.principal.accountId;
    return runCommand(this.deps, ctx, Actions.getMfaDevice, this.resourceOf(accountId, device), async () => {
      const found = await this.requireDevice(accountId, device);
      return this.view(found, await this.userOf(accountId, found), await this.mfa.devices.listTags(found.id));
    });
  }

  /** @throws access-denied | not-found | limit-exceeded */
  tag(ctx: CallContext, device: MfaDeviceRef, tags: Tag[]): Promise<void> {
    const accountId = ctx.principal.accountId;
    return runCommand(this.deps, ctx, Actions.tagMfaDevice, this.resourceOf(accountId, device), async () => {
      const found = await this.requireDevice(accountId, device);
      const keys = new Set((await this.mfa.devices.listTags(found.id)).map((t) => t.key.toLowerCase()));
      for (const t of tags) keys.add(t.key.toLowerCase());
      if (keys.size > MAX_TAGS_PER_USER) throw new LimitExceededError('tag', MAX_TAGS_PER_USER, 'mfa-device');
      await this.mfa.devices.putTags(found.id, tags);
    }, { requestTags: tags });
  }

  /** @throws access-denied | not-found */
  untag(ctx: CallContext, device: MfaDeviceRef, keys: string[]): Promise<void> {
    const accountId = ctx.principal.accountId;
    return runCommand(this.deps, ctx, Actions.untagMfaDevice, this.resourceOf(accountId, device), async () => {
      const found = await this.requireDevice(accountId, device);
      await this.mfa.devices.removeTags(found.id, keys);
    });
  }

  /** @throws access-denied | not-found */
  listTags(ctx: CallContext, device: MfaDeviceRef): Promise<Tag[]> {
    const accountId = ctx.principal.accountId;
    return runCommand(this.deps, ctx, Actions.listMfaDeviceTags, this.resourceOf(accountId, device), async () => {
      const found = await this.requireDevice(accountId, device);
      return this.mfa.devices.listTags(found.id);
    });
  }

  /** Whether the user has an enabled device (login protection `vmfa`, Keystone `totp`). */
  async hasEnabledDevice(userId: string): Promise<boolean> {
    return (await this.mfa.devices.findEnabledForUser(userId)) !== undefined;
  }

  /**
   * Checks a code of the user's enabled device for a sign-in or token and spends it.
   * SECURITY: accepted at most once: the device's last accepted step moves forward in one conditional
   * UPDATE, so the same code (or an older one) on any node afterwards is refused.
   */
  async verifyUserCode(userId: string, code: string): Promise<boolean> {
    const device = await this.mfa.devices.findEnabledForUser(userId);
    return device !== undefined && this.acceptCode(device, code, this.deps.clock.now());
  }

  /**
   * STS SerialNumber + TokenCode (AWS AssumeRole, GetSessionToken): a code of the named device, which
   * must be the one enabled for this user, spent once like a sign-in code (`MfaCodeVerifier`).
   */
  async verifyDeviceCode(accountId: string, userId: string, deviceName: string, code: string): Promise<'accepted' | 'unknown-device' | 'invalid-code'> {
    const device = await this.mfa.devices.findByName(accountId, deviceName);
    if (!device || device.userId !== userId) return 'unknown-device';
    return (await this.acceptCode(device, code, this.deps.clock.now())) ? 'accepted' : 'invalid-code';
  }

  /** the same check without spending the code: for a decoy challenge, so it costs what a real one does */
  async matchesUserCode(userId: string, code: string): Promise<boolean> {
    const device = await this.mfa.devices.findEnabledForUser(userId);
    return device !== undefined && matchTotpStep(this.deps.secretBox.open(device.sealedSeed), code, this.deps.clock.now()) !== null;
  }

  private async acceptCode(device: MfaDevice, code: string, now: number): Promise<boolean> {
    const step = matchTotpStep(this.deps.secretBox.open(device.sealedSeed), code, now);
    if (step === null) return false;
    if (device.lastAcceptedStep !== null && step <= device.lastAcceptedStep) return false;
    return this.mfa.devices.acceptStep(device.id, step);
  }

  private async requireDevice(accountId: string, ref: MfaDeviceRef): Promise<MfaDevice> {
    const device = 'id' in ref ? await this.mfa.devices.findById(accountId, ref.id) : await this.mfa.devices.findByName(accountId, ref.name);
    if (!device) throw new NotFoundError('mfa-device', 'id' in ref ? ref.id : ref.name, 'id' in ref ? 'id' : 'name');
    return device;
  }

  private resourceOf(accountId: string, ref: MfaDeviceRef): ResourceRef {
    return 'name' in ref ? { type: 'mfa', accountId, name: ref.name } : { type: 'mfa', accountId, id: ref.id };
  }

  private async userOf(accountId: string, device: MfaDevice): Promise<User | null> {
    const id = device.userId ?? device.intendedUserId;
    return id === null ? null : ((await findUser(this.deps.store, accountId, { id })) ?? null);
  }

  private view(device: MfaDevice, user: User | null, tags: Tag[]): MfaDeviceView {
    const { sealedSeed: _sealed, ...rest } = device;
    return { ...rest, user, userName: user?.name ?? null, tags };
  }
}
