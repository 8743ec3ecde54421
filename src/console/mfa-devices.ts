import { PreconditionFailedError } from '../core/errors.js';
import type { CallContext } from '../core/principal.js';
import type { UserRef } from '../core/users/user-ref.js';

export interface MfaDeviceView {
  serial: string;
  boundAt: number;
}

/** A virtual MFA device being bound: its secret is shown once, as text and as an otpauth:// QR code. */
export interface MfaBinding {
  serial: string;
  /** base32, as authenticator apps take it */
  secret: string;
  otpauthUri: string;
}

/**
 * The console's port to virtual MFA devices. Core's MFA service lands with login protection (issue
 * #11, the mfa branch); this adapter is where it is plugged in, so the pages need no change then.
 */
export interface MfaDevices {
  /** false (with why) while the server has no MFA service */
  readonly available: boolean;
  readonly reason: string;
  list(ctx: CallContext, user: UserRef): Promise<MfaDeviceView[]>;
  /** the caller's unbound device, made on first need and the same one on every later page view */
  start(ctx: CallContext): Promise<MfaBinding>;
  /** binds the device after two consecutive codes */
  bind(ctx: CallContext, serial: string, firstCode: string, secondCode: string): Promise<void>;
  unbind(ctx: CallContext, serial: string): Promise<void>;
}

/** Until issue #11 is merged: the pages say MFA devices are not available, and nothing pretends to bind. */
export class UnavailableMfaDevices implements MfaDevices {
  readonly available = false;
  readonly reason = 'Virtual MFA devices are not available on this server yet.';

  async list(): Promise<MfaDeviceView[]> {
    return [];
  }

  // TODO(#11): point these at core's MFA service from the mfa branch
  start(): Promise<MfaBinding> {
    return Promise.reject(new PreconditionFailedError('virtual MFA devices are not available on this server'));
  }

  bind(): Promise<void> {
    return Promise.reject(new PreconditionFailedError('virtual MFA devices are not available on this server'));
  }

  unbind(): Promise<void> {
    return Promise.reject(new PreconditionFailedError('virtual MFA devices are not available on this server'));
  }
}
