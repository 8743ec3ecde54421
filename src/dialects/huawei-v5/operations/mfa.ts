import { Actions } from '../../../core/authorization/actions.js';
import { NotFoundError } from '../../../core/errors.js';
import type { MfaDeviceRef } from '../../../core/mfa/mfa-devices-service.js';
import { readLoginAllowList, readLoginPolicy, renderLoginAllowList, renderLoginPolicy } from '../../kit/huawei-login-policy.js';
import { JsonFields, parseJsonBody } from '../../kit/json-fields.js';
import { WireValidationError } from '../../kit/wire-errors.js';
import type { V5Operation } from '../operation.js';
import { pagination, userIdParam } from '../rules.js';
import { pageInfo, pageOfList } from './paging.js';

/** CreateVirtualMfaDeviceV5 virtual_mfa_device_name: 1-64 of `[A-Za-z0-9_-]` */
const DEVICE_NAME = { min: 1, max: 64, pattern: /^[A-Za-z0-9_-]+$/, patternText: 'must hold only letters, digits, `_` and `-`' };
/** EnableMfaDeviceV5: serial_number at most 150, codes at most 12 characters */
const SERIAL = { min: 1, max: 150 };
const CODE = { min: 1, max: 12 };

/** v5 serial numbers, as v3.0's: `iam:<domain_id>:mfa/<name>` (login-protection.md §6, unconfirmed for v5) */
function serialOf(domainId: string, name: string): string {
  return `iam:${domainId}:mfa/${name}`;
}

function deviceOf(domainId: string, serial: string): MfaDeviceRef {
  const prefix = `iam:${domainId}:mfa/`;
  if (!serial.startsWith(prefix) || serial.length === prefix.length) throw new NotFoundError('mfa-device', serial, 'name');
  return { name: serial.slice(prefix.length) };
}

/** Huawei IAM v5 "MFA devices" (CreateVirtualMfaDeviceV5 ... ListMfaDevicesV5) and the login policy (Show/UpdateLoginPolicyV5). */
export const mfaOperations: V5Operation[] = [
  {
    name: 'createVirtualMfaDeviceV5',
    method: 'POST',
    url: '/virtual-mfa-devices',
    status: 201,
    core: 'mfaDevices.create',
    errors: ['missing', 'invalid', 'malformedBody', 'denied', 'notFound', 'conflict'],
    async run({ ctx, body, services }) {
      const input = JsonFields.of(parseJsonBody(body)).onlyKnown(['virtual_mfa_device_name', 'user_id']);
      const name = input.requiredString('virtual_mfa_device_name', DEVICE_NAME);
      const userId = input.requiredString('user_id', { min: 1, max: 64 });
      const created = await services.mfaDevices.create(ctx, { name, forUser: { id: userId }, label: name });
      // SECURITY: the one response that carries the seed
      return { virtual_mfa_device: { serial_number: serialOf(ctx.principal.accountId, name), base32_string_seed: created.base32Seed } };
    },
  },
  {
    name: 'enableMfaDeviceV5',
    method: 'POST',
    url: '/mfa-devices/enable',
    status: 200,
    core: 'mfaDevices.enable',
    errors: ['missing', 'invalid', 'malformedBody', 'denied', 'notFound', 'conflict', 'quota'],
    async run({ ctx, body, services }) {
      const input = JsonFields.of(parseJsonBody(body)).onlyKnown(['user_id', 'serial_number', 'authentication_code_first', 'authentication_code_second']);
      const userId = input.requiredString('user_id', { min: 1, max: 64 });
      const serial = input.requiredString('serial_number', SERIAL);
      const first = input.requiredString('authentication_code_first', CODE);
      const second = input.requiredString('authentication_code_second', CODE);
      await services.mfaDevices.enable(ctx, { id: userId }, deviceOf(ctx.principal.accountId, serial), first, second);
      return undefined;
    },
  },
  {
    name: 'disableMfaDeviceV5',
    method: 'POST',
    url: '/mfa-devices/disable',
    status: 200,
    core: 'mfaDevices.deactivate',
    errors: ['missing', 'invalid', 'malformedBody', 'denied', 'notFound'],
    async run({ ctx, body, services }) {
      // DisableMfaDeviceReqBody: user_id and serial_number, no code
      const input = JsonFields.of(parseJsonBody(body)).onlyKnown(['user_id', 'serial_number']);
      const userId = input.requiredString('user_id', { min: 1, max: 64 });
      const serial = input.requiredString('serial_number', SERIAL);
      await services.mfaDevices.deactivate(ctx, { id: userId }, deviceOf(ctx.principal.accountId, serial));
      return undefined;
    },
  },
  {
    name: 'deleteVirtualMfaDeviceV5',
    method: 'DELETE',
    url: '/virtual-mfa-devices',
    status: 204,
    core: 'mfaDevices.delete',
    errors: ['missing', 'invalid', 'denied', 'notFound', 'conflict'],
    async run({ ctx, query, services }) {
      if (!query.user_id) throw new WireValidationError('user_id', 'is required', 'missing');
      if (!query.serial_number) throw new WireValidationError('serial_number', 'is required', 'missing');
      await services.mfaDevices.delete(ctx, deviceOf(ctx.principal.accountId, query.serial_number));
    },
  },
  {
    name: 'listMfaDevicesV5',
    method: 'GET',
    url: '/mfa-devices',
    status: 200,
    core: 'mfaDevices.devicesOf',
    errors: ['invalid', 'marker', 'denied', 'notFound'],
    async run({ ctx, query, services }) {
      const paging = pagination(query);
      // ListMfaDevicesV5 user_id: the user's devices; without it, the caller's
      const userId = query.user_id === undefined ? ctx.principal.userId : userIdParam(query.user_id);
      const devices = await services.mfaDevices.devicesOf(ctx, { id: userId }, 'list');
      const page = pageOfList(devices, (d) => d.id, paging);
      return {
        mfa_devices: page.items.map((d) => ({ serial_number: serialOf(ctx.principal.accountId, d.name), user_id: userId, enabled: d.userId !== null })),
        page_info: pageInfo(page),
      };
    },
  },
  {
    name: 'showLoginPolicyV5',
    method: 'GET',
    url: '/login-policy',
    status: 200,
    core: 'loginPolicy.get',
    errors: ['denied'],
    async run({ ctx, services }) {
      const consoleList = await services.accessControl.get(ctx, 'console', Actions.getLoginPolicy);
      return { login_policy: { ...renderLoginPolicy(await services.loginPolicy.get(ctx), 'user_validity_period'), ...renderLoginAllowList(consoleList) } };
    },
  },
  {
    name: 'updateLoginPolicyV5',
    method: 'PUT',
    url: '/login-policy',
    status: 200,
    core: 'loginPolicy.update',
    errors: ['invalid', 'malformedBody', 'denied'],
    async run({ ctx, body, services }) {
      // UpdateLoginPolicyV5: a flat body, no `login_policy` wrapper
      const fields = JsonFields.of(parseJsonBody(body));
      const changes = readLoginPolicy(fields, 'user_validity_period');
      // allow_address_netmasks / allow_ip_ranges: the console's IP allow list, checked before either write
      let consoleList = await services.accessControl.current(ctx.principal.accountId, 'console');
      const nextList = readLoginAllowList(fields, consoleList);
      const updated = await services.loginPolicy.update(ctx, changes);
      if (nextList) consoleList = await services.accessControl.update(ctx, 'console', nextList, Actions.updateLoginPolicy);
      return { login_policy: { ...renderLoginPolicy(updated, 'user_validity_period'), ...renderLoginAllowList(consoleList) } };
    },
  },
];
