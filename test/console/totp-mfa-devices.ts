import * as OTPAuth from 'otpauth';
import type { MfaBinding, MfaDeviceView, MfaDevices } from '../../src/console/mfa-devices.js';
import { InvalidInputError } from '../../src/core/errors.js';
import type { CallContext } from '../../src/core/principal.js';
import type { UserRef } from '../../src/core/users/user-ref.js';

/**
 * A test stand-in for issue #11's MFA service behind the console's adapter: TOTP devices in memory,
 * bound with two consecutive codes. It lets the browser suite drive the binding page as it will work
 * once the real service is plugged in.
 */
export class TotpMfaDevices implements MfaDevices {
  readonly available = true;
  readonly reason = '';
  readonly pending = new Map<string, { userId: string; totp: OTPAuth.TOTP }>();
  private readonly bound = new Map<string, MfaDeviceView & { userId: string }>();

  constructor(private readonly now: () => number) {}

  async list(_ctx: CallContext, user: UserRef): Promise<MfaDeviceView[]> {
    return [...this.bound.values()].filter((d) => 'id' in user && d.userId === user.id).map(({ serial, boundAt }) => ({ serial, boundAt }));
  }

  async start(ctx: CallContext): Promise<MfaBinding> {
    const serial = `mfa/${ctx.principal.userName}`;
    let device = this.pending.get(serial);
    if (!device) {
      device = { userId: ctx.principal.userId, totp: new OTPAuth.TOTP({ issuer: 'polyiam', label: ctx.principal.userName, secret: new OTPAuth.Secret({ size: 20 }), digits: 6, period: 30, algorithm: 'SHA1' }) };
      this.pending.set(serial, device);
    }
    return { serial, secret: device.totp.secret.base32, otpauthUri: device.totp.toString() };
  }

  async bind(ctx: CallContext, serial: string, firstCode: string, secondCode: string): Promise<void> {
    const device = this.pending.get(serial);
    if (!device || device.userId !== ctx.principal.userId) throw new InvalidInputError('serialNumber', `no device \`${serial}\` is being bound`);
    const at = this.now();
    const first = device.totp.validate({ token: firstCode, timestamp: at, window: 2 });
    const second = device.totp.validate({ token: secondCode, timestamp: at, window: 2 });
    if (first === null || second === null || second !== first + 1) throw new InvalidInputError('authenticationCode', 'the codes are not two consecutive codes of the device');
    this.pending.delete(serial);
    this.bound.set(serial, { serial, boundAt: at, userId: device.userId });
  }

  async unbind(ctx: CallContext, serial: string): Promise<void> {
    const device = this.bound.get(serial);
    if (!device || device.userId !== ctx.principal.userId) throw new InvalidInputError('serialNumber', `no device \`${serial}\``);
    this.bound.delete(serial);
  }
}
