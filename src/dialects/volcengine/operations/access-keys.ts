import { WireValidationError } from '../../kit/wire-errors.js';
import { userOrCaller, volcOperation, type VolcOperation } from '../operation.js';
import { ACCESS_KEY_ID } from '../rules.js';
import { renderAccessKey, volcTime } from '../shapes.js';

/** Volcengine UpdateAccessKey Status: `active` or `inactive` (AccessKeyMeta.Status). */
function status(value: string): 'active' | 'inactive' {
  if (value !== 'active' && value !== 'inactive') throw new WireValidationError('Status', 'must be `active` or `inactive`');
  return value;
}

export const accessKeyOperations: VolcOperation[] = [
  volcOperation({
    action: 'CreateAccessKey',
    source: 'BytePlus CreateAccessKey; Go SDK api_create_access_key.go',
    core: 'accessKeys.create',
    errors: ['InvalidUserName', 'UserNotExist', 'AccessKeyLimitExceeded'],
    // CreateAccessKey UserName: "If UserName is not specified, the AK/SK created will belong to the admin account"
    parameters: ['UserName'],
    async run(call) {
      const { ctx, services } = call;
      const created = await services.accessKeys.create(ctx, userOrCaller(call));
      const isRoot = ctx.principal.isRoot && created.key.userId === ctx.principal.userId;
      return {
        AccessKey: {
          ...renderAccessKey(created.key, { name: created.userName, isRoot }),
          // SECURITY: the secret is shown once, here; it is never logged or returned again
          SecretAccessKey: created.secret.reveal(),
        },
      };
    },
  }),
  volcOperation({
    action: 'ListAccessKeys',
    source: 'Go SDK api_list_access_keys.go',
    core: 'accessKeys.list',
    errors: ['InvalidUserName', 'UserNotExist'],
    parameters: ['UserName'],
    async run(call) {
      const { user, keys } = await call.services.accessKeys.list(call.ctx, userOrCaller(call));
      return { AccessKeyMetadata: keys.map((key) => renderAccessKey(key, user)) };
    },
  }),
  volcOperation({
    action: 'GetAccessKeyLastUsed',
    source: '6257/1400365',
    core: 'accessKeys.getLastUsed, accessKeys.getLastUsedByKey',
    errors: ['InvalidAccessKeyId', 'InvalidUserName', 'UserNotExist', 'AccessKeyNotExist'],
    // AccessKeyId (required), UserName (the key's owner; without it the key is found in the account)
    parameters: ['AccessKeyId', 'UserName'],
    async run(call) {
      const keyId = call.params.requiredString('AccessKeyId', ACCESS_KEY_ID);
      const { key } = call.params.has('UserName')
        ? await call.services.accessKeys.getLastUsed(call.ctx, userOrCaller(call), keyId)
        : await call.services.accessKeys.getLastUsedByKey(call.ctx, keyId);
      // AccessKeyLastUsed: Region, Service, RequestTime (`20060102T150405Z`); empty for a key never used
      return {
        AccessKeyLastUsed:
          key.lastUsedAt === null ? {} : { Region: key.lastUsedRegion ?? '', Service: key.lastUsedService ?? '', RequestTime: volcTime(key.lastUsedAt) },
      };
    },
  }),
  volcOperation({
    action: 'UpdateAccessKey',
    source: 'Go SDK api_update_access_key.go',
    core: 'accessKeys.updateStatus',
    errors: ['InvalidAccessKeyId', 'InvalidAccessKeyStatus', 'UserNotExist', 'AccessKeyNotExist'],
    parameters: ['AccessKeyId', 'Status', 'UserName'],
    async run(call) {
      const { params, ctx, services } = call;
      const keyId = params.requiredString('AccessKeyId', ACCESS_KEY_ID);
      const next = status(params.requiredString('Status'));
      await services.accessKeys.updateStatus(ctx, userOrCaller(call), keyId, next);
      return undefined;
    },
  }),
  volcOperation({
    action: 'DeleteAccessKey',
    source: 'Go SDK api_delete_access_key.go',
    core: 'accessKeys.delete',
    errors: ['InvalidAccessKeyId', 'UserNotExist', 'AccessKeyNotExist'],
    parameters: ['AccessKeyId', 'UserName'],
    async run(call) {
      const keyId = call.params.requiredString('AccessKeyId', ACCESS_KEY_ID);
      await call.services.accessKeys.delete(call.ctx, userOrCaller(call), keyId);
      return undefined;
    },
  }),
];
