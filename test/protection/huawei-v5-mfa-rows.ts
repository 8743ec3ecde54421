/**
 * Protection-matrix rows of the Huawei v5 MFA device and login-policy operations (issue #11). Devices
 * are made fresh per request through the core as the fixture account's root, with codes by otpauth.
 */
import { systemContext } from '../../src/core/principal.js';
import { consecutiveCodes } from '../support/totp.js';
import type { Fixture, MatrixEnv, Planned, Row } from './personas.js';

export interface V5MfaRequest {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: string;
  body?: unknown;
}

export function v5MfaRows(): Record<string, Row<V5MfaRequest>> {
  const req = (method: V5MfaRequest['method'], path: string, body?: unknown): Planned<V5MfaRequest> => ({ req: { method, path, ...(body === undefined ? {} : { body }) } });
  const serial = (fx: Fixture, name: string) => `iam:${fx.account.id}:mfa/${name}`;
  const rootOf = (env: MatrixEnv) => systemContext(env.server.root.account.id, env.server.root.root.user_id, env.server.root.root.user_name);
  const freshUser = (env: MatrixEnv, name: string) => env.server.polyiam.services.users.create(rootOf(env), { name });
  const device = (env: MatrixEnv, name: string, userId: string) => env.server.polyiam.services.mfaDevices.create(rootOf(env), { name, label: name, forUser: { id: userId } });
  return {
    createVirtualMfaDeviceV5: async (_p, _fx, n, env) => req('POST', '/v5/virtual-mfa-devices', { virtual_mfa_device_name: `v5-made-${n}`, user_id: (await freshUser(env, `v5-made-${n}`)).id }),
    async enableMfaDeviceV5(_p, fx, n, env) {
      const user = await freshUser(env, `v5-en-${n}`);
      const created = await device(env, `v5-en-${n}`, user.id);
      const [first, second] = consecutiveCodes(created.base32Seed, env.server.polyiam.testClock!.now());
      return req('POST', '/v5/mfa-devices/enable', { user_id: user.id, serial_number: serial(fx, `v5-en-${n}`), authentication_code_first: first, authentication_code_second: second });
    },
    async disableMfaDeviceV5(_p, fx, n, env) {
      const user = await freshUser(env, `v5-dis-${n}`);
      const created = await device(env, `v5-dis-${n}`, user.id);
      await env.server.polyiam.services.mfaDevices.enable(rootOf(env), { id: user.id }, { id: created.device.id }, ...consecutiveCodes(created.base32Seed, env.server.polyiam.testClock!.now()));
      return req('POST', '/v5/mfa-devices/disable', { user_id: user.id, serial_number: serial(fx, `v5-dis-${n}`) });
    },
    async deleteVirtualMfaDeviceV5(_p, fx, n, env) {
      const user = await freshUser(env, `v5-del-${n}`);
      await device(env, `v5-del-${n}`, user.id);
      return req('DELETE', `/v5/virtual-mfa-devices?user_id=${user.id}&serial_number=${encodeURIComponent(serial(fx, `v5-del-${n}`))}`);
    },
    listMfaDevicesV5: (_p, fx) => req('GET', `/v5/mfa-devices?user_id=${fx.user.id}`),
    showLoginPolicyV5: () => req('GET', '/v5/login-policy'),
    updateLoginPolicyV5: () => req('PUT', '/v5/login-policy', { session_timeout: 60 }),
  };
}
