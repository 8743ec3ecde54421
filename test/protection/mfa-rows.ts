/**
 * Protection-matrix rows of the AWS-family MFA device actions (issue #11). Devices are made fresh per
 * request through the core as the fixture account's root, with codes computed by otpauth, so an
 * allowed persona's call succeeds.
 */
import { systemContext } from '../../src/core/principal.js';
import { codeAt, consecutiveCodes } from '../support/totp.js';
import type { ArnStyle, Params } from './aws-family.js';
import type { Fixture, MatrixEnv, Planned, Row } from './personas.js';

export function mfaRows(style: ArnStyle): Record<string, Row<Params>> {
  const serial = (fx: Fixture, name: string) => `${style.prefix}${style.accountNumber(fx)}:mfa/${name}`;
  const rootOf = (env: MatrixEnv) => systemContext(env.server.root.account.id, env.server.root.root.user_id, env.server.root.root.user_name);
  const device = async (env: MatrixEnv, name: string) => env.server.polyiam.services.mfaDevices.create(rootOf(env), { name, label: name });
  /** a fresh user with a fresh device enabled for it */
  const enabled = async (env: MatrixEnv, n: number) => {
    const services = env.server.polyiam.services;
    const user = await services.users.create(rootOf(env), { name: `mfa-user-${n}` });
    const created = await device(env, `mfa-on-${n}`);
    await services.mfaDevices.enable(rootOf(env), { id: user.id }, { id: created.device.id }, ...consecutiveCodes(created.base32Seed, env.server.polyiam.testClock!.now()));
    return { user, name: `mfa-on-${n}`, seed: created.base32Seed };
  };
  const p = (params: Params): Planned<Params> => ({ req: params });
  return {
    CreateVirtualMFADevice: (_p, _fx, n) => p({ VirtualMFADeviceName: `mfa-made-${n}` }),
    async EnableMFADevice(_p, fx, n, env) {
      const created = await device(env, `mfa-new-${n}`);
      const user = await env.server.polyiam.services.users.create(rootOf(env), { name: `mfa-owner-${n}` });
      const [first, second] = consecutiveCodes(created.base32Seed, env.server.polyiam.testClock!.now());
      return p({ UserName: user.name, SerialNumber: serial(fx, `mfa-new-${n}`), AuthenticationCode1: first, AuthenticationCode2: second });
    },
    async ResyncMFADevice(_p, fx, n, env) {
      const on = await enabled(env, n);
      const at = env.server.polyiam.testClock!.now() + 3 * 30_000;
      return p({ UserName: on.user.name, SerialNumber: serial(fx, on.name), AuthenticationCode1: codeAt(on.seed, at - 30_000), AuthenticationCode2: codeAt(on.seed, at) });
    },
    async DeactivateMFADevice(_p, fx, n, env) {
      const on = await enabled(env, n);
      return p({ UserName: on.user.name, SerialNumber: serial(fx, on.name) });
    },
    async DeleteVirtualMFADevice(_p, fx, n, env) {
      await device(env, `mfa-gone-${n}`);
      return p({ SerialNumber: serial(fx, `mfa-gone-${n}`) });
    },
    ListMFADevices: (_p, fx) => p({ UserName: fx.user.name }),
    // Kingsoft GetVirtualMFADevice names the user
    async GetVirtualMFADevice(_p, _fx, n, env) {
      const on = await enabled(env, n);
      return p({ UserName: on.user.name });
    },
    ListVirtualMFADevices: () => p({ AssignmentStatus: 'Any' }),
    async GetMFADevice(_p, fx, n, env) {
      await device(env, `mfa-get-${n}`);
      return p({ SerialNumber: serial(fx, `mfa-get-${n}`) });
    },
    async TagMFADevice(_p, fx, n, env) {
      await device(env, `mfa-tag-${n}`);
      return p({ SerialNumber: serial(fx, `mfa-tag-${n}`), 'Tags.member.1.Key': 'k', 'Tags.member.1.Value': 'v' });
    },
    async UntagMFADevice(_p, fx, n, env) {
      await device(env, `mfa-untag-${n}`);
      return p({ SerialNumber: serial(fx, `mfa-untag-${n}`), 'TagKeys.member.1': 'k' });
    },
    async ListMFADeviceTags(_p, fx, n, env) {
      await device(env, `mfa-tags-${n}`);
      return p({ SerialNumber: serial(fx, `mfa-tags-${n}`) });
    },
  };
}
