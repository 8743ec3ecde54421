import type { Account } from '../../../core/accounts/account.js';
import { NotFoundError } from '../../../core/errors.js';
import type { QueryOperation } from '../../kit/query-dialect.js';
import type { QueryParams } from '../../kit/query-params.js';
import { AwsFamilyError, MemberConstraintError } from '../../kit/aws-family/errors.js';
import { callerAccount, isoDate } from '../../kit/aws-family/flavor.js';
import { pageOf } from '../../kit/aws-family/paging.js';
import { checkMember, readPaging, readTagKeys, readTags, requiredMember, type MemberRule } from '../../kit/aws-family/params.js';
import { ARN } from '../../kit/aws-family/policy-arns.js';

/** Url: 1-255; ClientID: 1-255; Thumbprint: exactly 40 characters (IAM API reference, CreateOpenIDConnectProvider) */
const URL_RULE: MemberRule = { min: 1, max: 255 };
const CLIENT_ID: MemberRule = { min: 1, max: 255 };
const THUMBPRINT: MemberRule = { min: 40, max: 40, pattern: /^[0-9A-Fa-f]{40}$/, patternText: '[0-9A-Fa-f]{40}' };

const PREFIX = (account: Account) => `arn:aws:iam::${account.awsAccountId}:oidc-provider/`;

function list(params: QueryParams, name: string, rule: MemberRule): string[] {
  return params.indexedList(`${name}.member`).map((entry, i) => {
    const value = entry.get('') ?? '';
    checkMember(`${name}.member.${i + 1}`, value, rule);
    return value;
  });
}

/**
 * ThumbprintList: "can have a maximum of five thumbprints"; AWS answers more with InvalidInput
 * `Thumbprint list must contain fewer than 5 entries.` (as Terraform users report it). ClientIDList past
 * 100 is the core's LimitExceeded (ClientIdsPerOpenIdConnectProvider).
 */
function thumbprints(params: QueryParams): string[] {
  const values = list(params, 'ThumbprintList', THUMBPRINT);
  if (values.length > 5) throw new AwsFamilyError('InvalidInput', 400, 'Thumbprint list must contain fewer than 5 entries.');
  return values;
}

/** The provider an ARN names: `arn:aws:iam::<account>:oidc-provider/<host/path>`; another account's names nothing. */
function urlOf(account: Account, params: QueryParams): string {
  const arn = requiredMember(params, 'OpenIDConnectProviderArn', ARN);
  if (!arn.startsWith(PREFIX(account))) throw new NotFoundError('oidc-provider', arn, 'name');
  return arn.slice(PREFIX(account).length);
}

/** OpenID Connect providers as data (IAM API reference); AssumeRoleWithWebIdentity comes later. */
export function oidcProviderOperations(): QueryOperation[] {
  const named = (action: string, run: (call: Parameters<QueryOperation['run']>[0], url: string) => Promise<unknown>): QueryOperation => ({
    action,
    async run(call) {
      const url = urlOf(await callerAccount(call.services, call.ctx), call.params);
      return (await run(call, url)) as undefined;
    },
  });
  return [
    {
      action: 'CreateOpenIDConnectProvider',
      async run({ ctx, params, services }) {
        const url = requiredMember(params, 'Url', URL_RULE);
        // AWS: "The URL must begin with https://"
        if (!/^https:\/\/[^\s/]+/.test(url)) throw new AwsFamilyError('InvalidInput', 400, 'Invalid Url: the URL must begin with https://.');
        const clientIds = list(params, 'ClientIDList', CLIENT_ID);
        const created = await services.oidcProviders.create(ctx, { url: url.slice('https://'.length).replace(/\/$/, ''), clientIds, thumbprints: thumbprints(params), tags: readTags(params, 'Tags.member') });
        const account = await callerAccount(services, ctx);
        return { OpenIDConnectProviderArn: `${PREFIX(account)}${created.url}`, Tags: created.tags.length > 0 ? created.tags.map((t) => ({ Key: t.key, Value: t.value })) : undefined };
      },
    },
    named('GetOpenIDConnectProvider', async ({ ctx, services }, url) => {
      const p = await services.oidcProviders.get(ctx, url);
      return { Url: p.url, ClientIDList: p.clientIds, ThumbprintList: p.thumbprints, CreateDate: isoDate(p.createdAt), Tags: p.tags.length > 0 ? p.tags.map((t) => ({ Key: t.key, Value: t.value })) : undefined };
    }),
    {
      action: 'ListOpenIDConnectProviders',
      async run({ ctx, services }) {
        const account = await callerAccount(services, ctx);
        return { OpenIDConnectProviderList: (await services.oidcProviders.list(ctx)).map((p) => ({ Arn: `${PREFIX(account)}${p.url}` })) };
      },
    },
    named('UpdateOpenIDConnectProviderThumbprint', async ({ ctx, params, services }, url) => {
      await services.oidcProviders.updateThumbprints(ctx, url, thumbprints(params));
    }),
    named('AddClientIDToOpenIDConnectProvider', async ({ ctx, params, services }, url) => {
      await services.oidcProviders.addClientId(ctx, url, requiredMember(params, 'ClientID', CLIENT_ID));
    }),
    named('RemoveClientIDFromOpenIDConnectProvider', async ({ ctx, params, services }, url) => {
      await services.oidcProviders.removeClientId(ctx, url, requiredMember(params, 'ClientID', CLIENT_ID));
    }),
    named('DeleteOpenIDConnectProvider', async ({ ctx, services }, url) => {
      await services.oidcProviders.delete(ctx, url);
    }),
    named('TagOpenIDConnectProvider', async ({ ctx, params, services }, url) => {
      const tags = readTags(params, 'Tags.member');
      if (tags.length === 0) throw new MemberConstraintError('Tags', 'Member must not be null', 'missing');
      await services.oidcProviders.tag(ctx, url, tags);
    }),
    named('UntagOpenIDConnectProvider', async ({ ctx, params, services }, url) => {
      await services.oidcProviders.untag(ctx, url, readTagKeys(params, 'TagKeys.member'));
    }),
    named('ListOpenIDConnectProviderTags', async ({ ctx, params, services }, url) => {
      const page = pageOf(await services.oidcProviders.listTags(ctx, url), (t) => t.key.toLowerCase(), readPaging(params));
      return { Tags: page.items.map((t) => ({ Key: t.key, Value: t.value })), IsTruncated: page.isTruncated, Marker: page.marker };
    }),
  ];
}
