import { isIamError } from '../../../core/errors.js';
import { PlainPassword } from '../../../core/secrets.js';
import type { UserWithTags } from '../../../core/users/users-service.js';
import type { QueryCall, QueryOperation } from '../../kit/query-dialect.js';
import { callerAccount, flagOptions, targetUser, type AwsFamilyFlavor } from '../../kit/aws-family/flavor.js';
import { deleteUserOperation } from '../../kit/aws-family/operations/users.js';
import { ACCESS_KEY_ID, optionalFlag, optionalMember, readPaging, requiredMember } from '../../kit/aws-family/params.js';
import { EMAIL, PHONE, REAL_NAME, REMARK, USER_NAME } from '../rules.js';
import { renderUser } from '../shapes.js';

/**
 * CreateUser, GetUser, ListUsers, UpdateUser, DeleteUser with Kingsoft's parameter names (docs page 1
 * "创建子用户"; Go SDK iam/v20151101 CreateUserRequest, UpdateUserRequest, ListUsersRequest).
 */
export function userOperations(flavor: AwsFamilyFlavor): QueryOperation[] {
  return [
    {
      action: 'CreateUser',
      async run(call) {
        const { ctx, params, services } = call;
        // CreateUser: UserName, RealName, Phone, Email, Remark, Password, PasswordResetRequired (Int)
        const name = requiredMember(params, 'UserName', USER_NAME);
        const realName = optionalMember(params, 'RealName', REAL_NAME);
        const phone = optionalMember(params, 'Phone', PHONE);
        const email = optionalMember(params, 'Email', EMAIL);
        const remark = optionalMember(params, 'Remark', REMARK);
        const password = optionalMember(params, 'Password', flavor.password);
        const passwordResetRequired = optionalFlag(params, 'PasswordResetRequired', flagOptions(flavor));
        const user = await services.users.create(ctx, {
          name,
          ...(realName !== undefined ? { displayName: realName } : {}),
          ...(phone !== undefined ? { phone } : {}),
          ...(email !== undefined ? { email } : {}),
          ...(remark !== undefined ? { description: remark } : {}),
        });
        if (password !== undefined) await withConsolePassword(call, user, password, passwordResetRequired ?? false);
        const extra = password !== undefined ? { passwordResetRequired: passwordResetRequired ?? false } : {};
        return { User: renderUser(await callerAccount(services, ctx), user, 'create', extra) };
      },
    },
    {
      action: 'GetUser',
      async run({ ctx, params, services }) {
        // GetUser: UserName; without it, the caller (as AWS)
        const user = await services.users.get(ctx, targetUser(params, ctx, flavor.userNameRef));
        // Go SDK GetUserResponse: the user's fields sit directly in GetUserResult, with no `User` wrapper
        return renderUser(await callerAccount(services, ctx), user, 'get');
      },
    },
    {
      action: 'ListUsers',
      async run({ ctx, params, services }) {
        // ListUsers: Marker, MaxItems, and AccessKey (the user that key belongs to)
        const paging = readPaging(params);
        const account = await callerAccount(services, ctx);
        const accessKey = optionalMember(params, 'AccessKey', ACCESS_KEY_ID);
        if (accessKey !== undefined) {
          const owner = await ownerOfKey(ctx, services, accessKey);
          return { Users: owner ? [renderUser(account, owner, 'list')] : [], IsTruncated: false };
        }
        const page = await services.users.list(ctx, { ...paging, includeRoot: false });
        return { Users: page.items.map((user) => renderUser(account, user, 'list')), IsTruncated: page.nextMarker !== undefined, Marker: page.nextMarker };
      },
    },
    {
      action: 'UpdateUser',
      async run({ ctx, params, services }) {
        // UpdateUser: UserName, NewUserName, NewRealName, NewEmail, NewPhone, NewRemark
        const ref = targetUser(params, ctx, flavor.userNameRef, { required: true });
        const newName = optionalMember(params, 'NewUserName', USER_NAME);
        const displayName = optionalMember(params, 'NewRealName', REAL_NAME);
        const email = optionalMember(params, 'NewEmail', EMAIL);
        const phone = optionalMember(params, 'NewPhone', PHONE);
        const description = optionalMember(params, 'NewRemark', REMARK);
        const user = await services.users.update(ctx, ref, {
          ...(newName !== undefined ? { newName } : {}),
          ...(displayName !== undefined ? { displayName } : {}),
          ...(email !== undefined ? { email } : {}),
          ...(phone !== undefined ? { phone } : {}),
          ...(description !== undefined ? { description } : {}),
        });
        return { User: renderUser(await callerAccount(services, ctx), user, 'update') };
      },
    },
    deleteUserOperation(flavor),
  ];
}

/**
 * CreateUser with `Password` also gives the user its console password. The two are separate core
 * commands, so a password the policy refuses undoes the user again: the caller sees one failed call.
 */
async function withConsolePassword({ ctx, services }: QueryCall, user: UserWithTags, password: string, passwordResetRequired: boolean): Promise<void> {
  try {
    await services.loginProfiles.create(ctx, { id: user.id }, { password: new PlainPassword(password), passwordResetRequired });
  } catch (err) {
    await services.users.delete(ctx, { id: user.id }, { cascade: true }).catch(() => undefined);
    throw err;
  }
}

/** the IAM user holding `accessKey` in the caller's account, or none (unknown key, or the root's) */
async function ownerOfKey(ctx: QueryCall['ctx'], services: QueryCall['services'], accessKey: string) {
  try {
    const user = await services.users.getByAccessKey(ctx, accessKey);
    return user.isRoot ? undefined : user;
  } catch (err) {
    if (isIamError(err) && err.kind === 'not-found') return undefined;
    throw err;
  }
}
