import type { Account } from '../../../core/accounts/account.js';
import { NotFoundError } from '../../../core/errors.js';
import type { MfaDeviceRef } from '../../../core/mfa/mfa-devices-service.js';
import type { QueryOperation } from '../../kit/query-dialect.js';
import type { QueryParams } from '../../kit/query-params.js';
import { MemberConstraintError } from '../../kit/aws-family/errors.js';
import { callerAccount, isoDate, targetUser, type AwsFamilyFlavor } from '../../kit/aws-family/flavor.js';
import { pageOf } from '../../kit/aws-family/paging.js';
import { readPaging, requiredMember, type MemberRule } from '../../kit/aws-family/params.js';

const SERIAL_NUMBER: MemberRule = { min: 1, max: 256 };
/** VirtualMFADeviceName: Kingsoft's names follow its user names, 1-64 of `[\w+=,.@-]+` (AWS-LIKE) */
const DEVICE_NAME: MemberRule = { min: 1, max: 64, pattern: /^[\w+=,.@-]+$/, patternText: '[\\w+=,.@-]+' };
const AUTHENTICATION_CODE: MemberRule = { min: 6, max: 6, pattern: /^\d+$/, patternText: '[\\d]+' };
const ASSIGNMENT_STATUS: Record<string, 'assigned' | 'unassigned' | 'any'> = { Assigned: 'assigned', Unassigned: 'unassigned', Any: 'any' };

/** Kingsoft serial numbers, KRN-like as its other resources: `krn:ksc:iam::<account>:mfa/<name>` (login-protection.md §5, unconfirmed) */
function serialOf(account: Account, name: string): string {
  return `krn:ksc:iam::${account.numericId}:mfa/${name}`;
}

function deviceOf(account: Account, params: QueryParams): MfaDeviceRef {
  const serial = requiredMember(params, 'SerialNumber', SERIAL_NUMBER);
  const prefix = `krn:ksc:iam::${account.numericId}:mfa/`;
  if (!serial.startsWith(prefix) || serial.length === prefix.length) throw new NotFoundError('mfa-device', serial, 'name');
  return { name: serial.slice(serial.lastIndexOf('/') + 1) };
}

/**
 * CreateVirtualMFADevice, EnableMFADevice, DeactivateMFADevice, DeleteVirtualMFADevice,
 * GetVirtualMFADevice (by UserName), ListVirtualMFADevices (Kingsoft Go SDK iam/v20151101; the kscore
 * model iam/2015-11-01 also lists Create/DeleteVirtualMFADevice, without members: their parameters
 * and result are AWS's, which Kingsoft's API mirrors; login-protection.md §5).
 */
export function mfaDeviceOperations(flavor: AwsFamilyFlavor): QueryOperation[] {
  return [
    {
      action: 'CreateVirtualMFADevice',
      async run({ ctx, params, services }) {
        const name = requiredMember(params, 'VirtualMFADeviceName', DEVICE_NAME);
        const account = await callerAccount(services, ctx);
        const created = await services.mfaDevices.create(ctx, { name, label: `${name}@${account.name}` });
        return {
          VirtualMFADevice: {
            SerialNumber: serialOf(account, created.device.name),
            // SECURITY: the one response that carries the seed and its QR code. JSON has no blob type:
            // the base32 text as the authenticator app takes it, the PNG in base64
            Base32StringSeed: created.base32Seed,
            QRCodePNG: created.qrCodePng.toString('base64'),
          },
        };
      },
    },
    {
      action: 'DeleteVirtualMFADevice',
      async run({ ctx, params, services }) {
        await services.mfaDevices.delete(ctx, deviceOf(await callerAccount(services, ctx), params));
        return undefined;
      },
    },
    {
      action: 'EnableMFADevice',
      async run({ ctx, params, services }) {
        const ref = targetUser(params, ctx, flavor.userNameRef, { required: true });
        const device = deviceOf(await callerAccount(services, ctx), params);
        const first = requiredMember(params, 'AuthenticationCode1', AUTHENTICATION_CODE);
        const second = requiredMember(params, 'AuthenticationCode2', AUTHENTICATION_CODE);
        await services.mfaDevices.enable(ctx, ref, device, first, second);
        return undefined;
      },
    },
    {
      action: 'DeactivateMFADevice',
      async run({ ctx, params, services }) {
        const ref = targetUser(params, ctx, flavor.userNameRef, { required: true });
        await services.mfaDevices.deactivate(ctx, ref, deviceOf(await callerAccount(services, ctx), params));
        return undefined;
      },
    },
    {
      // GetVirtualMFADevice takes `UserName`, not SerialNumber (Go SDK GetVirtualMFADeviceRequest)
      action: 'GetVirtualMFADevice',
      async run({ ctx, params, services }) {
        const ref = targetUser(params, ctx, flavor.userNameRef, { required: true });
        const account = await callerAccount(services, ctx);
        const device = (await services.mfaDevices.devicesOf(ctx, ref)).find((d) => d.userId !== null);
        if (!device) throw new NotFoundError('mfa-device', requiredMember(params, 'UserName', flavor.userNameRef), 'name');
        return { VirtualMFADevice: { SerialNumber: serialOf(account, device.name), EnableDate: device.enabledAt === null ? undefined : isoDate(device.enabledAt) } };
      },
    },
    {
      action: 'ListVirtualMFADevices',
      async run({ ctx, params, services }) {
        const text = params.get('AssignmentStatus');
        const status = text === undefined ? 'any' : ASSIGNMENT_STATUS[text];
        if (status === undefined) throw new MemberConstraintError('AssignmentStatus', 'Member must satisfy enum value set: [Unassigned, Any, Assigned]');
        const paging = readPaging(params);
        const account = await callerAccount(services, ctx);
        const page = pageOf(await services.mfaDevices.listVirtual(ctx, status), (d) => d.name.toLowerCase(), paging);
        return {
          VirtualMFADevices: page.items.map((d) => ({
            SerialNumber: serialOf(account, d.name),
            EnableDate: d.enabledAt === null ? undefined : isoDate(d.enabledAt),
            User: d.userId !== null && d.user ? { Uuid: flavor.userId(d.user), Name: d.user.name, Path: d.user.path, Krn: flavor.userArn(account, d.user) } : undefined,
          })),
          IsTruncated: page.isTruncated,
          Marker: page.marker,
        };
      },
    },
  ];
}
