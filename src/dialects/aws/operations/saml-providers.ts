import type { Account } from '../../../core/accounts/account.js';
import { NotFoundError } from '../../../core/errors.js';
import { MemberConstraintError } from '../../kit/aws-family/errors.js';
import { callerAccount, isoDate } from '../../kit/aws-family/flavor.js';
import { pageOf } from '../../kit/aws-family/paging.js';
import { readPaging, readTagKeys, readTags, requiredMember, type MemberRule } from '../../kit/aws-family/params.js';
import { ARN } from '../../kit/aws-family/policy-arns.js';
import type { QueryOperation } from '../../kit/query-dialect.js';
import type { QueryParams } from '../../kit/query-params.js';

/** CreateSAMLProvider Name: 1-128 of `[\w._-]+`; SAMLMetadataDocument: 1,000-10,000,000 characters (IAM API reference) */
const NAME: MemberRule = { min: 1, max: 128, pattern: /^[\w._-]+$/, patternText: '[\\w._-]+' };
const METADATA: MemberRule = { min: 1_000, max: 10_000_000 };

const prefix = (account: Account) => `arn:aws:iam::${account.awsAccountId}:saml-provider/`;

/** The provider an ARN names: `arn:aws:iam::<account>:saml-provider/<name>`; another account's names nothing. */
function nameOf(account: Account, params: QueryParams): string {
  const arn = requiredMember(params, 'SAMLProviderArn', ARN);
  if (!arn.startsWith(prefix(account))) throw new NotFoundError('saml-provider', arn, 'name');
  return arn.slice(prefix(account).length);
}

/** CreateSAMLProvider ... ListSAMLProviderTags (IAM API reference); AssumeRoleWithSAML comes later. */
export function samlProviderOperations(): QueryOperation[] {
  const named = (action: string, run: (call: Parameters<QueryOperation['run']>[0], name: string, account: Account) => ReturnType<QueryOperation['run']>): QueryOperation => ({
    action,
    async run(call) {
      const account = await callerAccount(call.services, call.ctx);
      return run(call, nameOf(account, call.params), account);
    },
  });
  return [
    {
      action: 'CreateSAMLProvider',
      async run({ ctx, params, services }) {
        const metadata = requiredMember(params, 'SAMLMetadataDocument', METADATA);
        const name = requiredMember(params, 'Name', NAME);
        const tags = readTags(params, 'Tags.member');
        const created = await services.samlProviders.create(ctx, { name, metadata, tags });
        return { SAMLProviderArn: `${prefix(await callerAccount(services, ctx))}${created.name}`, Tags: created.tags.length > 0 ? created.tags.map((t) => ({ Key: t.key, Value: t.value })) : undefined };
      },
    },
    named('GetSAMLProvider', async ({ ctx, services }, name) => {
      const p = await services.samlProviders.get(ctx, name);
      return {
        SAMLMetadataDocument: p.metadata,
        CreateDate: isoDate(p.createdAt),
        ValidUntil: p.validUntil === null ? undefined : isoDate(p.validUntil),
        Tags: p.tags.length > 0 ? p.tags.map((t) => ({ Key: t.key, Value: t.value })) : undefined,
      };
    }),
    {
      action: 'ListSAMLProviders',
      async run({ ctx, services }) {
        const account = await callerAccount(services, ctx);
        const providers = await services.samlProviders.list(ctx);
        return {
          SAMLProviderList: providers.map((p) => ({ Arn: `${prefix(account)}${p.name}`, CreateDate: isoDate(p.createdAt), ValidUntil: p.validUntil === null ? undefined : isoDate(p.validUntil) })),
        };
      },
    },
    {
      action: 'UpdateSAMLProvider',
      async run({ ctx, params, services }) {
        const metadata = requiredMember(params, 'SAMLMetadataDocument', METADATA);
        const account = await callerAccount(services, ctx);
        const updated = await services.samlProviders.update(ctx, nameOf(account, params), metadata);
        return { SAMLProviderArn: `${prefix(account)}${updated.name}` };
      },
    },
    named('DeleteSAMLProvider', async ({ ctx, services }, name) => {
      await services.samlProviders.delete(ctx, name);
      return undefined;
    }),
    named('TagSAMLProvider', async ({ ctx, params, services }, name) => {
      const tags = readTags(params, 'Tags.member');
      if (tags.length === 0) throw new MemberConstraintError('Tags', 'Member must not be null', 'missing');
      await services.samlProviders.tag(ctx, name, tags);
      return undefined;
    }),
    named('UntagSAMLProvider', async ({ ctx, params, services }, name) => {
      await services.samlProviders.untag(ctx, name, readTagKeys(params, 'TagKeys.member'));
      return undefined;
    }),
    named('ListSAMLProviderTags', async ({ ctx, params, services }, name) => {
      const paging = readPaging(params);
      const page = pageOf(await services.samlProviders.listTags(ctx, name), (t) => t.key.toLowerCase(), paging);
      return { Tags: page.items.map((t) => ({ Key: t.key, Value: t.value })), IsTruncated: page.isTruncated, Marker: page.marker };
    }),
  ];
}
