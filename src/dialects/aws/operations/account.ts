import type { QueryOperation } from '../../kit/query-dialect.js';
import { pageOf } from '../../kit/aws-family/paging.js';
import { optionalMember, readPaging, requiredMember, type MemberRule } from '../../kit/aws-family/params.js';
import { ENTITY_NAME, ENTITY_PATH } from '../../kit/aws-family/policy-shapes.js';

/** AccountAlias (CreateAccountAlias, DeleteAccountAlias): 3-63 lowercase letters, digits and single hyphens */
export const ACCOUNT_ALIAS: MemberRule = { min: 3, max: 63, pattern: /^[a-z0-9]([a-z0-9]|-(?!-)){1,61}[a-z0-9]$/, patternText: '^[a-z0-9]([a-z0-9]|-(?!-)){1,61}[a-z0-9]$' };

/**
 * CreateAccountAlias, DeleteAccountAlias, ListAccountAliases (IAM API reference), and UpdateGroup
 * (GroupName, NewGroupName, NewPath; no output), which only AWS among the AWS-family dialects serves.
 */
export function accountOperations(): QueryOperation[] {
  return [
    {
      action: 'CreateAccountAlias',
      async run({ ctx, params, services }) {
        await services.accountAliases.create(ctx, requiredMember(params, 'AccountAlias', ACCOUNT_ALIAS));
        return undefined;
      },
    },
    {
      action: 'DeleteAccountAlias',
      async run({ ctx, params, services }) {
        await services.accountAliases.delete(ctx, requiredMember(params, 'AccountAlias', ACCOUNT_ALIAS));
        return undefined;
      },
    },
    {
      action: 'ListAccountAliases',
      async run({ ctx, params, services }) {
        const paging = readPaging(params);
        const page = pageOf(await services.accountAliases.list(ctx), (alias) => alias, paging);
        return { AccountAliases: page.items, IsTruncated: page.isTruncated, Marker: page.marker };
      },
    },
    {
      action: 'UpdateGroup',
      async run({ ctx, params, services }) {
        const name = requiredMember(params, 'GroupName', ENTITY_NAME);
        const newName = optionalMember(params, 'NewGroupName', ENTITY_NAME);
        const newPath = optionalMember(params, 'NewPath', ENTITY_PATH);
        await services.groups.update(ctx, { name }, { ...(newName !== undefined ? { newName } : {}), ...(newPath !== undefined ? { newPath } : {}) });
        return undefined;
      },
    },
  ];
}
