import type { MfaDevicesService } from '../core/mfa/mfa-devices-service.js';
import { NotFoundError } from '../core/errors.js';
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
 * The console's port to virtual MFA devices: core's service in production, a stand-in in tests.
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

/** The console's MFA pages on core's virtual MFA devices (issue #11), authorized and audited like the APIs. */
export class CoreMfaDevices implements MfaDevices {
  readonly available = true;
  readonly reason = '';

  constructor(private readonly devices: MfaDevicesService) {}

  async list(ctx: CallContext, user: UserRef): Promise<MfaDeviceView[]> {
    const views = await this.devices.devicesOf(ctx, user);
    return views.filter((d) => d.enabledAt !== null).map((d) => ({ serial: d.id, boundAt: d.enabledAt! }));
  }

  /**
   * SECURITY: core shows a seed only when it is made, so each binding page makes a new device, named
   * after the user as AWS's console does, and first removes the caller's earlier unbound one.
   */
  async start(ctx: CallContext): Promise<MfaBinding> {
    const name = `console-${ctx.principal.userId}`;
    try {
      await this.devices.delete(ctx, { name });
    } catch (err) {
      if (!(err instanceof NotFoundError)) throw err;
    }
    const created = await this.devices.create(ctx, { name, forUser: { id: ctx.principal.userId }, label: `${ctx.principal.userName}` });
    return { serial: created.device.id, secret: created.base32Seed, otpauthUri: created.otpauthUri };
  }

  bind(ctx: CallContext, serial: string, firstCode: string, secondCode: string): Promise<void> {
    return this.devices.enable(ctx, { id: ctx.principal.userId }, { id: serial }, firstCode, secondCode);
  }

  async unbind(ctx: CallContext, serial: string): Promise<void> {
    await this.devices.deactivate(ctx, { id: ctx.principal.userId }, { id: serial });
    await this.devices.delete(ctx, { id: serial });
  }
}
