import type { QueryOperation } from '../../kit/query-dialect.js';
import type { Account } from '../../../core/accounts/account.js';
import type { UserWithTags } from '../../../core/users/users-service.js';
import { ARN } from '../../kit/aws-family/policy-arns.js';
import { callerAccount, targetUser, type AwsFamilyFlavor } from '../../kit/aws-family/flavor.js';
import { deleteUserOperation } from '../../kit/aws-family/operations/users.js';
import { optionalMember, readPaging, readTags, requiredMember } from '../../kit/aws-family/params.js';
import { PATH, PATH_PREFIX, USER_NAME } from '../rules.js';
import { renderRootIdentity, renderUser } from '../shapes.js';

/** CreateUser, GetUser, ListUsers, UpdateUser, DeleteUser (AWS IAM API reference, Version 2010-05-08). */
export function userOperations(flavor: AwsFamilyFlavor): QueryOperation[] {
  return [
    {
      action: 'CreateUser',
      async run({ ctx, params, services }) {
        // CreateUser: UserName, Path (default `/`), PermissionsBoundary, Tags.member.N
        const name = requiredMember(params, 'UserName', USER_NAME);
        const path = optionalMember(params, 'Path', PATH) ?? '/';
        const boundaryArn = optionalMember(params, 'PermissionsBoundary', ARN);
        const tags = readTags(params, 'Tags.member');
        const account = await callerAccount(services, ctx);
        const permissionsBoundary = boundaryArn === undefined ? undefined : flavor.parsePolicyArn(account, boundaryArn);
        const user = await services.users.create(ctx, { name, path, tags, ...(permissionsBoundary ? { permissionsBoundary } : {}) });
        return { User: renderUser(account, user, user.tags, boundaryArnOf(account, user)) };
      },
    },
    {
      action: 'GetUser',
      async run({ ctx, params, services }) {
        const account = await callerAccount(services, ctx);
        const ref = targetUser(params, ctx, flavor.userNameRef);
        const user = await services.users.get(ctx, ref);
        // GetUser: "If you do not specify a user name, IAM determines the user name implicitly based
        // on the AWS access key ID used to sign the request"; for the root that is the account itself
        if (user.isRoot && 'id' in ref) return { User: renderRootIdentity(account, user) };
        return { User: renderUser(account, user, user.tags, boundaryArnOf(account, user)) };
      },
    },
    {
      action: 'ListUsers',
      async run({ ctx, params, services }) {
        const paging = readPaging(params);
        const pathPrefix = optionalMember(params, 'PathPrefix', PATH_PREFIX);
        // the account root is not an IAM user: AWS never lists it
        const page = await services.users.list(ctx, { ...paging, ...(pathPrefix !== undefined ? { pathPrefix } : {}), includeRoot: false });
        const account = await callerAccount(services, ctx);
        return {
          Users: page.items.map((user) => renderUser(account, user)),
          IsTruncated: page.nextMarker !== undefined,
          Marker: page.nextMarker,
        };
      },
    },
    {
      action: 'UpdateUser',
      async run({ ctx, params, services }) {
        // UpdateUser: UserName, NewUserName, NewPath; no output
        const ref = targetUser(params, ctx, flavor.userNameRef, { required: true });
        const newName = optionalMember(params, 'NewUserName', USER_NAME);
        const newPath = optionalMember(params, 'NewPath', PATH);
        await services.users.update(ctx, ref, { ...(newName !== undefined ? { newName } : {}), ...(newPath !== undefined ? { newPath } : {}) });
        return undefined;
      },
    },
    deleteUserOperation(flavor),
  ];

  function boundaryArnOf(account: Account, user: UserWithTags): string | undefined {
    return user.permissionsBoundary ? flavor.policyArn(account, user.permissionsBoundary) : undefined;
  }
}
