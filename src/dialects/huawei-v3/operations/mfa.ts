import { Actions } from '../../../core/authorization/actions.js';
import { NotFoundError } from '../../../core/errors.js';
import type { MfaDeviceRef } from '../../../core/mfa/mfa-devices-service.js';
import type { SecondFactorMethod } from '../../../core/mfa/ports.js';
import { readLoginPolicy, renderLoginPolicy } from '../../kit/huawei-login-policy.js';
import { JsonFields, parseJsonBody } from '../../kit/json-fields.js';
import { WireValidationError } from '../../kit/wire-errors.js';
import { callerOf, type V3Call, type V3Operation } from '../operation.js';
import { onlyKnownQuery, pathId, queryValue, requireOwnDomain } from '../rules.js';

/** Huawei CreateMfaDevice `name`: 1-64 of letters, digits, `_` and `-` (v5 docs; v3.0 names the same) */
const DEVICE_NAME = { min: 1, max: 64, pattern: /^[A-Za-z0-9_-]+$/ };
const CODE = { min: 1, max: 12 };
const METHODS: readonly SecondFactorMethod[] = ['sms', 'email', 'vmfa'];

/** Huawei virtual MFA serial numbers: `iam:<domain_id>:mfa/<device name>` (iam_08_0017/0019 examples) */
export function huaweiMfaSerial(domainId: string, name: string): string {
  return `iam:${domainId}:mfa/${name}`;
}

/** The device a serial names in the caller's domain; another domain's serial names nothing here. */
export function huaweiDeviceOf(domainId: string, serial: string): MfaDeviceRef {
  const prefix = `iam:${domainId}:mfa/`;
  if (!serial.startsWith(prefix) || serial.length === prefix.length) throw new NotFoundError('mfa-device', serial, 'name');
  return { name: serial.slice(prefix.length) };
}

const body = (call: V3Call) => JsonFields.of(parseJsonBody(call.body) as Record<string, unknown>);

/**
 * Huawei IAM v3.0 OS-MFA (virtual MFA devices), OS-USER (login protection) and OS-SECURITYPOLICY
 * (login policy), served under /v3.0 by the v3 plugin (login-protection.md §2).
 */
export const mfaOperations: V3Operation[] = [
  {
    name: 'createMfaDevice',
    method: 'POST',
    url: '/OS-MFA/virtual-mfa-devices',
    access: 'required',
    async run(call) {
      const ctx = callerOf(call);
      const device = body(call).onlyKnown(['virtual_mfa_device']).requiredObject('virtual_mfa_device');
      device.onlyKnown(['name', 'user_id']);
      const name = device.requiredString('name', DEVICE_NAME);
      const userId = device.requiredString('user_id', { min: 1, max: 64 });
      const created = await call.services.mfaDevices.create(ctx, { name, forUser: { id: userId }, label: name });
      // SECURITY: the one response that carries the seed
      return { status: 201, body: { virtual_mfa_device: { serial_number: huaweiMfaSerial(ctx.principal.accountId, name), base32_string_seed: created.base32Seed } } };
    },
  },
  {
    name: 'createBindingDevice',
    method: 'PUT',
    url: '/OS-MFA/mfa-devices/bind',
    access: 'required',
    async run(call) {
      const ctx = callerOf(call);
      const fields = body(call).onlyKnown(['user_id', 'serial_number', 'authentication_code_first', 'authentication_code_second']);
      const userId = fields.requiredString('user_id', { min: 1, max: 64 });
      const serial = fields.requiredString('serial_number', { min: 1, max: 256 });
      const first = fields.requiredString('authentication_code_first', CODE);
      const second = fields.requiredString('authentication_code_second', CODE);
      await call.services.mfaDevices.enable(ctx, { id: userId }, huaweiDeviceOf(ctx.principal.accountId, serial), first, second);
      return { status: 204 };
    },
  },
  {
    name: 'deleteBindingDevice',
    method: 'PUT',
    url: '/OS-MFA/mfa-devices/unbind',
    access: 'required',
    async run(call) {
      const ctx = callerOf(call);
      const fields = body(call).onlyKnown(['user_id', 'serial_number', 'authentication_code']);
      const userId = fields.requiredString('user_id', { min: 1, max: 64 });
      const serial = fields.requiredString('serial_number', { min: 1, max: 256 });
      const code = fields.requiredString('authentication_code', CODE);
      // Huawei UnbindMfaDevice (iam_08_0018): an administrator may send any 6-digit code; a user
      // unbinding its own device must send a valid one
      if (!/^\d{6}$/.test(code)) throw new WireValidationError('authentication_code', 'must be 6 digits');
      const own = userId === ctx.principal.userId;
      await call.services.mfaDevices.deactivate(ctx, { id: userId }, huaweiDeviceOf(ctx.principal.accountId, serial), own ? code : undefined);
      return { status: 204 };
    },
  },
  {
    name: 'deleteMfaDevice',
    method: 'DELETE',
    url: '/OS-MFA/virtual-mfa-devices',
    access: 'required',
    async run(call) {
      const ctx = callerOf(call);
      onlyKnownQuery(call, ['user_id', 'serial_number']);
      const userId = queryValue(call, 'user_id');
      const serial = queryValue(call, 'serial_number');
      if (!userId) throw new WireValidationError('user_id', 'is required', 'missing');
      if (!serial) throw new WireValidationError('serial_number', 'is required', 'missing');
      await call.services.mfaDevices.delete(ctx, huaweiDeviceOf(ctx.principal.accountId, serial));
      return { status: 204 };
    },
  },
  {
    name: 'listUserMfaDevices',
    method: 'GET',
    url: '/OS-MFA/virtual-mfa-devices',
    access: 'required',
    async run(call) {
      const ctx = callerOf(call);
      const devices = await call.services.mfaDevices.listVirtual(ctx, 'any');
      return {
        status: 200,
        body: { virtual_mfa_devices: devices.map((d) => ({ serial_number: huaweiMfaSerial(ctx.principal.accountId, d.name), user_id: d.userId ?? d.intendedUserId ?? '' })) },
      };
    },
  },
  {
    name: 'showUserMfaDevice',
    method: 'GET',
    url: '/OS-MFA/users/:user_id/virtual-mfa-device',
    access: 'required',
    async run(call) {
      const ctx = callerOf(call);
      const userId = pathId(call, 'user_id');
      const devices = await call.services.mfaDevices.devicesOf(ctx, { id: userId });
      const device = devices.find((d) => d.userId === userId) ?? devices[0];
      if (!device) throw new NotFoundError('mfa-device', userId);
      return { status: 200, body: { virtual_mfa_device: { serial_number: huaweiMfaSerial(ctx.principal.accountId, device.name), user_id: userId } } };
    },
  },
  {
    name: 'updateLoginProtect',
    method: 'PUT',
    url: '/OS-USER/users/:user_id/login-protect',
    access: 'required',
    async run(call) {
      const ctx = callerOf(call);
      const userId = pathId(call, 'user_id');
      const protect = body(call).onlyKnown(['login_protect']).requiredObject('login_protect');
      protect.onlyKnown(['enabled', 'verification_method']);
      const enabled = protect.requiredBoolean('enabled');
      const method = protect.requiredString('verification_method', { min: 1, max: 8 });
      if (!METHODS.includes(method as SecondFactorMethod)) throw new WireValidationError('verification_method', `\`${method}\` is not one of sms, email, vmfa`);
      const view = await call.services.loginProtection.update(ctx, { id: userId }, { enabled, method: method as SecondFactorMethod });
      return { status: 200, body: { login_protect: { user_id: view.userId, enabled: view.enabled, verification_method: view.method ?? method } } };
    },
  },
  {
    name: 'showUserLoginProtect',
    method: 'GET',
    url: '/OS-USER/users/:user_id/login-protect',
    access: 'required',
    async run(call) {
      const view = await call.services.loginProtection.get(callerOf(call), { id: pathId(call, 'user_id') });
      return { status: 200, body: { login_protect: { enabled: view.enabled, user_id: view.userId, verification_method: view.method ?? 'none' } } };
    },
  },
  {
    name: 'listUserLoginProtects',
    method: 'GET',
    url: '/OS-USER/login-protects',
    access: 'required',
    async run(call) {
      const views = await call.services.loginProtection.list(callerOf(call));
      return { status: 200, body: { login_protects: views.map((v) => ({ enabled: v.enabled, user_id: v.userId, verification_method: v.method ?? 'none' })) } };
    },
  },
  {
    name: 'showDomainLoginPolicy',
    method: 'GET',
    url: '/OS-SECURITYPOLICY/domains/:domain_id/login-policy',
    access: 'required',
    async run(call) {
      requireOwnDomain(call, pathId(call, 'domain_id'), Actions.getLoginPolicy);
      return { status: 200, body: { login_policy: renderLoginPolicy(await call.services.loginPolicy.get(callerOf(call))) } };
    },
  },
  {
    name: 'updateDomainLoginPolicy',
    method: 'PUT',
    url: '/OS-SECURITYPOLICY/domains/:domain_id/login-policy',
    access: 'required',
    async run(call) {
      requireOwnDomain(call, pathId(call, 'domain_id'), Actions.updateLoginPolicy);
      const policy = body(call).onlyKnown(['login_policy']).requiredObject('login_policy');
      const updated = await call.services.loginPolicy.update(callerOf(call), readLoginPolicy(policy, 'account_validity_period'));
      return { status: 200, body: { login_policy: renderLoginPolicy(updated) } };
    },
  },
];
