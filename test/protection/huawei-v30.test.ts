/**
 * Protection matrix, Huawei IAM v3.0 (OS-MFA, OS-USER login protection, OS-SECURITYPOLICY login
 * policy; issue #11): every row of `v30Operations`, signed SDK-HMAC-SHA256 with the persona's access
 * key as the Huawei SDK's v3 client signs. Devices are made fresh per request through the core as the
 * fixture account's root, with codes computed by otpauth.
 */
import { systemContext } from '../../src/core/principal.js';
import { agencyOperations } from '../../src/dialects/huawei-v3/operations/agencies.js';
import { osUserOperations } from '../../src/dialects/huawei-v3/operations/os-users.js';
import { permanentAccessKeyOperations } from '../../src/dialects/huawei-v3/operations/permanent-access-keys.js';
import { securityTokenOperations } from '../../src/dialects/huawei-v3/operations/security-tokens.js';
import { v30Operations } from '../../src/dialects/huawei-v3/plugin.js';
import { rawRequest } from '../conformance/huawei-v5/support.js';
import { consecutiveCodes } from '../support/totp.js';
import { describeMatrix } from './matrix.js';
import type { Fixture, MatrixEnv, Planned, Row } from './personas.js';

interface V30Request {
  method: 'GET' | 'PUT' | 'POST' | 'DELETE';
  path: string;
  body?: unknown;
}

const req = (method: V30Request['method'], path: string, body?: unknown): Planned<V30Request> => ({ req: { method, path, ...(body === undefined ? {} : { body }) } });
const serial = (fx: Fixture, name: string) => `iam:${fx.account.id}:mfa/${name}`;
const rootOf = (env: MatrixEnv) => systemContext(env.server.root.account.id, env.server.root.root.user_id, env.server.root.root.user_name);
const freshUser = (env: MatrixEnv, name: string) => env.server.polyiam.services.users.create(rootOf(env), { name });
const device = (env: MatrixEnv, name: string, userId: string) => env.server.polyiam.services.mfaDevices.create(rootOf(env), { name, label: name, forUser: { id: userId } });

/** a device made for `userId` and bound to it */
async function boundDevice(env: MatrixEnv, name: string, userId: string): Promise<void> {
  const created = await device(env, name, userId);
  await env.server.polyiam.services.mfaDevices.enable(rootOf(env), { id: userId }, { id: created.device.id }, ...consecutiveCodes(created.base32Seed, env.server.polyiam.testClock!.now()));
}

const rows: Record<string, Row<V30Request>> = {
  createMfaDevice: async (_p, _fx, n, env) => req('POST', '/v3.0/OS-MFA/virtual-mfa-devices', { virtual_mfa_device: { name: `v30-made-${n}`, user_id: (await freshUser(env, `v30-made-${n}`)).id } }),
  async createBindingDevice(_p, fx, n, env) {
    const user = await freshUser(env, `v30-bind-${n}`);
    const created = await device(env, `v30-bind-${n}`, user.id);
    const [first, second] = consecutiveCodes(created.base32Seed, env.server.polyiam.testClock!.now());
    return req('PUT', '/v3.0/OS-MFA/mfa-devices/bind', { user_id: user.id, serial_number: serial(fx, `v30-bind-${n}`), authentication_code_first: first, authentication_code_second: second });
  },
  // Huawei: an administrator unbinding another user's device may send any 6 digits
  async deleteBindingDevice(_p, fx, n, env) {
    const user = await freshUser(env, `v30-unbind-${n}`);
    await boundDevice(env, `v30-unbind-${n}`, user.id);
    return req('PUT', '/v3.0/OS-MFA/mfa-devices/unbind', { user_id: user.id, serial_number: serial(fx, `v30-unbind-${n}`), authentication_code: '123456' });
  },
  async deleteMfaDevice(_p, fx, n, env) {
    const user = await freshUser(env, `v30-del-${n}`);
    await device(env, `v30-del-${n}`, user.id);
    return req('DELETE', `/v3.0/OS-MFA/virtual-mfa-devices?user_id=${user.id}&serial_number=${encodeURIComponent(serial(fx, `v30-del-${n}`))}`);
  },
  listUserMfaDevices: () => req('GET', '/v3.0/OS-MFA/virtual-mfa-devices'),
  async showUserMfaDevice(_p, fx, n, env) {
    await boundDevice(env, `v30-show-${n}`, fx.user.id);
    return req('GET', `/v3.0/OS-MFA/users/${fx.user.id}/virtual-mfa-device`);
  },
  updateLoginProtect: (_p, fx) => req('PUT', `/v3.0/OS-USER/users/${fx.user.id}/login-protect`, { login_protect: { enabled: false, verification_method: 'vmfa' } }),
  showUserLoginProtect: (_p, fx) => req('GET', `/v3.0/OS-USER/users/${fx.user.id}/login-protect`),
  listUserLoginProtects: () => req('GET', '/v3.0/OS-USER/login-protects'),
  showDomainLoginPolicy: (_p, fx) => req('GET', `/v3.0/OS-SECURITYPOLICY/domains/${fx.account.id}/login-policy`),
  showDomainQuota: (_p, fx) => req('GET', `/v3.0/OS-QUOTA/domains/${fx.account.id}`),
  updateDomainLoginPolicy: (_p, fx) => req('PUT', `/v3.0/OS-SECURITYPOLICY/domains/${fx.account.id}/login-policy`, { login_policy: { session_timeout: 60 } }),
  showDomainProtectPolicy: (_p, fx) => req('GET', `/v3.0/OS-SECURITYPOLICY/domains/${fx.account.id}/protect-policy`),
  // UpdateUserInformation: the caller's own record, no permission asked (issue #12)
  updateUserInformation: (p, _fx, n) => req('PUT', `/v3.0/OS-USER/users/${p.userId}/info`, { user: { email: `info-${n}@example.com`, mobile: '0086-123456789' } }),
  updateDomainProtectPolicy: (_p, fx) => req('PUT', `/v3.0/OS-SECURITYPOLICY/domains/${fx.account.id}/protect-policy`, { protect_policy: { operation_protection: false } }),
  showDomainPasswordPolicy: (_p, fx) => req('GET', `/v3.0/OS-SECURITYPOLICY/domains/${fx.account.id}/password-policy`),
  updateDomainPasswordPolicy: (_p, fx) => req('PUT', `/v3.0/OS-SECURITYPOLICY/domains/${fx.account.id}/password-policy`, { password_policy: { minimum_password_length: 10 } }),
  showDomainConsoleAclPolicy: (_p, fx) => req('GET', `/v3.0/OS-SECURITYPOLICY/domains/${fx.account.id}/console-acl-policy`),
  updateDomainConsoleAclPolicy: (_p, fx) => req('PUT', `/v3.0/OS-SECURITYPOLICY/domains/${fx.account.id}/console-acl-policy`, { console_acl_policy: { allow_ip_ranges: [{ ip_range: '0.0.0.0-255.255.255.255', description: 'all' }] } }),
  showDomainApiAclPolicy: (_p, fx) => req('GET', `/v3.0/OS-SECURITYPOLICY/domains/${fx.account.id}/api-acl-policy`),
  updateDomainApiAclPolicy: (_p, fx) => req('PUT', `/v3.0/OS-SECURITYPOLICY/domains/${fx.account.id}/api-acl-policy`, { api_acl_policy: { allow_address_netmasks: [{ address_netmask: '0.0.0.0/0', description: 'all' }] } }),
};

describeMatrix<V30Request>({
  dialect: 'huawei-v3.0',
  // OS-AGENCY and OS-CREDENTIAL have their own matrix (huawei-v30-agencies.test.ts)
  // OS-CREDENTIAL permanent keys and OS-USER users too (huawei-v30-users-keys.test.ts)
  operations: v30Operations.filter((op) => !agencyOperations.includes(op) && !securityTokenOperations.includes(op) && !permanentAccessKeyOperations.includes(op) && !osUserOperations.includes(op)).map((op) => op.name),
  rows,
  async send(env, persona, r) {
    const res = await rawRequest(env.server, { method: r.method, path: r.path, keys: persona.keys, ...(r.body === undefined ? {} : { body: JSON.stringify(r.body) }) });
    return { status: res.status, text: res.text };
  },
});
