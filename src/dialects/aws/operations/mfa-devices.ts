import type { Account } from '../../../core/accounts/account.js';
import type { MfaDeviceView } from '../../../core/mfa/mfa-device.js';
import type { MfaDeviceRef } from '../../../core/mfa/mfa-devices-service.js';
import { NotFoundError } from '../../../core/errors.js';
import type { QueryOperation } from '../../kit/query-dialect.js';
import type { QueryParams } from '../../kit/query-params.js';
import { MemberConstraintError } from '../../kit/aws-family/errors.js';
import { callerAccount, isoDate, targetUser, type AwsFamilyFlavor } from '../../kit/aws-family/flavor.js';
import { pageOf } from '../../kit/aws-family/paging.js';
import { optionalMember, readPaging, readTagKeys, readTags, requiredMember, type MemberRule } from '../../kit/aws-family/params.js';
import { PATH } from '../rules.js';
import { renderUser } from '../shapes.js';

/** VirtualMFADeviceName: 1-226 of `[\w+=,.@-]+` */
const DEVICE_NAME: MemberRule = { min: 1, max: 226, pattern: /^[\w+=,.@-]+$/, patternText: '[\\w+=,.@-]+' };
/** SerialNumber: 9-256 of `[\w+=/:,.@-]+` */
const SERIAL_NUMBER: MemberRule = { min: 9, max: 256, pattern: /^[\w+=/:,.@-]+$/, patternText: '[\\w+=/:,.@-]+' };
/** AuthenticationCode1/2: exactly 6 digits */
const AUTHENTICATION_CODE: MemberRule = { min: 6, max: 6, pattern: /^\d+$/, patternText: '[\\d]+' };
const ASSIGNMENT_STATUS: Record<string, 'assigned' | 'unassigned' | 'any'> = { Assigned: 'assigned', Unassigned: 'unassigned', Any: 'any' };

/** AWS virtual device serial numbers are ARNs: `arn:aws:iam::<account>:mfa<path><name>` */
export function mfaSerial(account: Account, device: { path: string; name: string }): string {
  return `arn:aws:iam::${account.awsAccountId}:mfa${device.path}${device.name}`;
}

/** The device a SerialNumber names in the caller's account; another account's serial names nothing here. */
function deviceOf(account: Account, params: QueryParams): MfaDeviceRef {
  const serial = requiredMember(params, 'SerialNumber', SERIAL_NUMBER);
  const prefix = `arn:aws:iam::${account.awsAccountId}:mfa/`;
  if (!serial.startsWith(prefix)) throw new NotFoundError('mfa-device', serial, 'name');
  const name = serial.slice(serial.lastIndexOf('/') + 1);
  if (!name) throw new NotFoundError('mfa-device', serial, 'name');
  return { name };
}

function codes(params: QueryParams): [string, string] {
  return [requiredMember(params, 'AuthenticationCode1', AUTHENTICATION_CODE), requiredMember(params, 'AuthenticationCode2', AUTHENTICATION_CODE)];
}

function renderTags(device: MfaDeviceView) {
  return device.tags.length > 0 ? device.tags.map((t) => ({ Key: t.key, Value: t.value })) : undefined;
}

/**
 * CreateVirtualMFADevice, EnableMFADevice, ResyncMFADevice, DeactivateMFADevice,
 * DeleteVirtualMFADevice, ListMFADevices, ListVirtualMFADevices, GetMFADevice and the MFA device tag
 * actions (AWS IAM API reference; login-protection.md §1).
 */
export function mfaDeviceOperations(flavor: AwsFamilyFlavor): QueryOperation[] {
  return [
    {
      action: 'CreateVirtualMFADevice',
      async run({ ctx, params, services }) {
        const name = requiredMember(params, 'VirtualMFADeviceName', DEVICE_NAME);
        const path = optionalMember(params, 'Path', PATH) ?? '/';
        const tags = readTags(params, 'Tags.member');
        const account = await callerAccount(services, ctx);
        const created = await services.mfaDevices.create(ctx, { name, path, tags, label: `${name}@${account.name}` });
        return {
          VirtualMFADevice: {
            SerialNumber: mfaSerial(account, created.device),
            // SECURITY: the one response that carries the seed and its QR code. Blobs travel base64 in
            // awsQuery; the SDK decodes them to bytes: the ASCII base32 seed and the PNG
            Base32StringSeed: Buffer.from(created.base32Seed, 'ascii').toString('base64'),
            QRCodePNG: created.qrCodePng.toString('base64'),
            Tags: renderTags(created.device),
          },
        };
      },
    },
    {
      action: 'EnableMFADevice',
      async run({ ctx, params, services }) {
        const ref = targetUser(params, ctx, flavor.userNameRef, { required: true });
        const device = deviceOf(await callerAccount(services, ctx), params);
        await services.mfaDevices.enable(ctx, ref, device, ...codes(params));
        return undefined;
      },
    },
    {
      action: 'ResyncMFADevice',
      async run({ ctx, params, services }) {
        const ref = targetUser(params, ctx, flavor.userNameRef, { required: true });
        const device = deviceOf(await callerAccount(services, ctx), params);
        await services.mfaDevices.resync(ctx, ref, device, ...codes(params));
        return undefined;
      },
    },
    {
      // DeactivateMFADevice: UserName optional since 2024 (the caller's own device when absent)
      action: 'DeactivateMFADevice',
      async run({ ctx, params, services }) {
        const ref = targetUser(params, ctx, flavor.userNameRef);
        await services.mfaDevices.deactivate(ctx, ref, deviceOf(await callerAccount(services, ctx), params));
        return undefined;
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
      action: 'ListMFADevices',
      async run({ ctx, params, services }) {
        const paging = readPaging(params);
        const account = await callerAccount(services, ctx);
        const devices = await services.mfaDevices.listForUser(ctx, targetUser(params, ctx, flavor.userNameRef));
        const page = pageOf(devices, (d) => d.name.toLowerCase(), paging);
        return {
          MFADevices: page.items.map((d) => ({ UserName: d.userName ?? undefined, SerialNumber: mfaSerial(account, d), EnableDate: d.enabledAt === null ? undefined : isoDate(d.enabledAt) })),
          IsTruncated: page.isTruncated,
          Marker: page.marker,
        };
      },
    },
    {
      action: 'ListVirtualMFADevices',
      async run({ ctx, params, services }) {
        const statusText = params.get('AssignmentStatus');
        const status = statusText === undefined ? 'any' : ASSIGNMENT_STATUS[statusText];
        if (status === undefined) throw new MemberConstraintError('AssignmentStatus', 'Member must satisfy enum value set: [Unassigned, Any, Assigned]');
        const paging = readPaging(params);
        const account = await callerAccount(services, ctx);
        const devices = await services.mfaDevices.listVirtual(ctx, status);
        const page = pageOf(devices, (d) => d.name.toLowerCase(), paging);
        return {
          VirtualMFADevices: page.items.map((d) => ({
            SerialNumber: mfaSerial(account, d),
            User: d.userId !== null && d.user ? renderUser(account, d.user) : undefined,
            EnableDate: d.enabledAt === null ? undefined : isoDate(d.enabledAt),
            Tags: renderTags(d),
          })),
          IsTruncated: page.isTruncated,
          Marker: page.marker,
        };
      },
    },
    {
      action: 'GetMFADevice',
      async run({ ctx, params, services }) {
        const account = await callerAccount(services, ctx);
        const device = await services.mfaDevices.get(ctx, deviceOf(account, params));
        return {
          UserName: device.userId !== null ? (device.userName ?? undefined) : undefined,
          SerialNumber: mfaSerial(account, device),
          EnableDate: device.enabledAt === null ? undefined : isoDate(device.enabledAt),
        };
      },
    },
    {
      action: 'TagMFADevice',
      async run({ ctx, params, services }) {
        const device = deviceOf(await callerAccount(services, ctx), params);
        const tags = readTags(params, 'Tags.member');
        if (tags.length === 0) throw new MemberConstraintError('Tags', 'Member must not be null', 'missing');
        await services.mfaDevices.tag(ctx, device, tags);
        return undefined;
      },
    },
    {
      action: 'UntagMFADevice',
      async run({ ctx, params, services }) {
        const device = deviceOf(await callerAccount(services, ctx), params);
        await services.mfaDevices.untag(ctx, device, readTagKeys(params, 'TagKeys.member'));
        return undefined;
      },
    },
    {
      action: 'ListMFADeviceTags',
      async run({ ctx, params, services }) {
        const device = deviceOf(await callerAccount(services, ctx), params);
        const paging = readPaging(params);
        const page = pageOf(await services.mfaDevices.listTags(ctx, device), (t) => t.key.toLowerCase(), paging);
        return { Tags: page.items.map((t) => ({ Key: t.key, Value: t.value })), IsTruncated: page.isTruncated, Marker: page.marker };
      },
    },
  ];
}
