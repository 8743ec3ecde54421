import type { Tag, User } from '../users/user.js';

/**
 * A virtual (TOTP) MFA device. AWS creates one unassigned (CreateVirtualMFADevice) and assigns it with
 * EnableMFADevice; Huawei creates one for a named user (`user_id`) and binds it with two codes. Both end
 * in `userId`: the user the device is enabled for (at most one device per user).
 */
export interface MfaDevice {
  /** 32 lowercase hex */
  id: string;
  accountId: string;
  /** unique per account, case-insensitively (AWS VirtualMFADeviceName, Huawei `name`) */
  name: string;
  /** AWS Path, `/` by default */
  path: string;
  /** the user the device was created for (Huawei `user_id`); null when created unassigned (AWS) */
  intendedUserId: string | null;
  /** the user the device is enabled for; null while unassigned */
  userId: string | null;
  /** the base32 seed sealed with the SecretBox; never leaves the core */
  sealedSeed: string;
  enabledAt: number | null;
  /** the last TOTP time step accepted for this device: a code of that step or earlier is never accepted again */
  lastAcceptedStep: number | null;
  createdAt: number;
}

/** What a dialect may show: everything but the sealed seed. */
export type MfaDeviceView = Omit<MfaDevice, 'sealedSeed'> & {
  /** the user it is enabled for, else the one it was made for */
  user: User | null;
  userName: string | null;
  tags: Tag[];
};

/** What creation returns, the one time it is ever shown. */
export interface CreatedMfaDevice {
  device: MfaDeviceView;
  /** RFC 4648 base32 of the 20-byte seed */
  base32Seed: string;
  /** `otpauth://totp/...`: what authenticator apps scan */
  otpauthUri: string;
  /** the URI as a PNG QR code */
  qrCodePng: Buffer;
}

export type AssignmentStatus = 'assigned' | 'unassigned' | 'any';
