import { WireValidationError } from '../../kit/wire-errors.js';
import { accountNumericId, namedUser, requiredUser, volcOperation, type VolcOperation } from '../operation.js';
import { ACCESS_KEY_ID, DESCRIPTION, DISPLAY_NAME, EMAIL, MOBILE_PHONE, NEW_USER_NAME, tagList, USER_NAME_REF } from '../rules.js';
import { renderUser } from '../shapes.js';

/** Volcengine ListUsers: "Limit 分页条数,默认为10", "Offset 分页起始索引,默认为0". */
const DEFAULT_LIMIT = 10;
const MAX_LIMIT = 1000;

export const userOperations: VolcOperation[] = [
  volcOperation({
    action: 'CreateUser',
    source: '6257/65004',
    core: 'users.create',
    errors: ['InvalidUserName', 'InvalidDisplayName', 'InvalidDescription', 'InvalidEmail', 'InvalidMobilePhone', 'UserAlreadyExists', 'TagLimitExceeded'],
    parameters: ['UserName', 'DisplayName', 'Description', 'Email', 'MobilePhone', 'Tags.N.Key', 'Tags.N.Value'],
    async run(call) {
      const { params, ctx, services } = call;
      const name = params.requiredString('UserName', NEW_USER_NAME);
      const displayName = params.optionalString('DisplayName', { ...DISPLAY_NAME, min: 1 });
      const description = params.optionalString('Description', DESCRIPTION);
      const email = params.optionalString('Email', EMAIL);
      const phone = params.optionalString('MobilePhone', MOBILE_PHONE);
      const tags = tagList(params, { required: false });
      const user = await services.users.create(ctx, {
        name,
        tags,
        ...(displayName !== undefined ? { displayName } : {}),
        ...(description !== undefined ? { description } : {}),
        ...(email !== undefined ? { email } : {}),
        ...(phone !== undefined ? { phone } : {}),
      });
      return { User: renderUser(user, await accountNumericId(call)) };
    },
  }),
  volcOperation({
    action: 'GetUser',
    source: '6257/65005',
    core: 'users.get, users.getByAccessKey, users.getByNumericId',
    errors: ['InvalidUserName', 'InvalidAccessKeyId', 'UserNotExist', 'AccessKeyNotExist'],
    // GetUser: "必须指定ID、UserName、AccessKeyID三个参数其一,不能同时指定"; polyiam also takes none (the caller)
    parameters: ['UserName', 'AccessKeyID', 'ID'],
    async run(call) {
      const { params, ctx, services } = call;
      const given = ['UserName', 'AccessKeyID', 'ID'].filter((p) => params.has(p));
      if (given.length > 1) throw new WireValidationError(given[1]!, `cannot be given together with \`${given[0]}\``);
      const name = params.optionalString('UserName', USER_NAME_REF);
      const accessKeyId = params.optionalString('AccessKeyID', ACCESS_KEY_ID);
      const id = params.optionalInteger('ID', 1, Number.MAX_SAFE_INTEGER);
      const user =
        id !== undefined
          ? await services.users.getByNumericId(ctx, id)
          : accessKeyId !== undefined
          ? await services.users.getByAccessKey(ctx, accessKeyId)
          : await services.users.get(ctx, name !== undefined ? namedUser(name) : { id: ctx.principal.userId });
      return { User: renderUser(user, await accountNumericId(call)) };
    },
  }),
  volcOperation({
    action: 'ListUsers',
    source: '6257/65008',
    core: 'users.list',
    errors: ['InvalidLimit', 'InvalidOffset'],
    // ListUsers Query: "模糊查询。可按用户名、显示名或备注查询": the name, display name or description
    parameters: ['Limit', 'Offset', 'Query'],
    async run(call) {
      const { params, ctx, services } = call;
      const limit = params.optionalInteger('Limit', 1, MAX_LIMIT) ?? DEFAULT_LIMIT;
      const offset = params.optionalInteger('Offset', 0, 2_147_483_647) ?? 0;
      const query = params.optionalString('Query', { max: 128 });
      const page = await services.users.list(ctx, { limit, offset, ...(query ? { textContains: query } : {}) });
      const accountId = await accountNumericId(call);
      return { UserMetadata: page.items.map((u) => renderUser(u, accountId)), Limit: limit, Offset: offset, Total: page.total ?? page.items.length };
    },
  }),
  volcOperation({
    action: 'UpdateUser',
    source: 'Go SDK api_update_user.go',
    core: 'users.update',
    errors: ['InvalidUserName', 'InvalidNewUserName', 'InvalidNewDisplayName', 'InvalidNewDescription', 'InvalidNewEmail', 'InvalidNewMobilePhone', 'UserNotExist', 'UserAlreadyExists'],
    parameters: ['UserName', 'NewUserName', 'NewDisplayName', 'NewDescription', 'NewEmail', 'NewMobilePhone'],
    async run(call) {
      const { params, ctx, services } = call;
      const ref = requiredUser(call);
      const newName = params.optionalString('NewUserName', NEW_USER_NAME);
      const displayName = params.optionalString('NewDisplayName', DISPLAY_NAME);
      const description = params.optionalString('NewDescription', DESCRIPTION);
      const email = params.optionalString('NewEmail', EMAIL);
      const phone = params.optionalString('NewMobilePhone', MOBILE_PHONE);
      const user = await services.users.update(ctx, ref, {
        ...(newName !== undefined ? { newName } : {}),
        ...(displayName !== undefined ? { displayName } : {}),
        ...(description !== undefined ? { description } : {}),
        ...(email !== undefined ? { email } : {}),
        ...(phone !== undefined ? { phone } : {}),
      });
      return { User: renderUser(user, await accountNumericId(call)) };
    },
  }),
  volcOperation({
    action: 'DeleteUser',
    source: 'Go SDK api_delete_user.go',
    core: 'users.delete (no cascade)',
    errors: ['UserNotExist', 'UserDeleteConflictWithAccessKey', 'UserDeleteConflictWithPolicy', 'UserDeleteConflictWithGroup', 'UserDeleteConflictWithLoginProfile'],
    parameters: ['UserName'],
    async run(call) {
      // Volcengine DeleteUser refuses while keys or policies remain (UserDeleteConflictWith*), as AWS does
      await call.services.users.delete(call.ctx, requiredUser(call), { cascade: false });
      return undefined;
    },
  }),
];
