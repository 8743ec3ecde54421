import type { Account } from '../../../core/accounts/account.js';
import type { ServerCertificateView } from '../../../core/user-credentials/server-certificates-service.js';
import type { QueryOperation } from '../../kit/query-dialect.js';
import { MemberConstraintError } from '../../kit/aws-family/errors.js';
import { callerAccount, isoDate } from '../../kit/aws-family/flavor.js';
import { pageOf } from '../../kit/aws-family/paging.js';
import { optionalMember, readPaging, readTagKeys, readTags, requiredMember, type MemberRule } from '../../kit/aws-family/params.js';
import { ENTITY_NAME, ENTITY_PATH, PATH_PREFIX } from '../../kit/aws-family/policy-shapes.js';
import { MATERIAL } from './user-credentials.js';

/** PrivateKey: 1-16384 of `[\u0009\u000A\u000D\u0020-\u00FF]*`; CertificateChain: 1-2097152 */
const PRIVATE_KEY: MemberRule = { min: 1, max: 16384, pattern: /^[\u0009\u000A\u000D\u0020-\u00FF]*$/, patternText: '[\\u0009\\u000A\\u000D\\u0020-\\u00FF]*' };
const CHAIN: MemberRule = { min: 1, max: 2097152, pattern: /^[\u0009\u000A\u000D\u0020-\u00FF]+$/, patternText: '[\\u0009\\u000A\\u000D\\u0020-\\u00FF]+' };

/** `arn:aws:iam::<account>:server-certificate<path><name>` */
const certificateArn = (account: Account, c: ServerCertificateView) => `arn:aws:iam::${account.awsAccountId}:server-certificate${c.path}${c.name}`;

/** AWS ServerCertificateMetadata: Path, ServerCertificateName, ServerCertificateId, Arn, UploadDate, Expiration */
const metadata = (account: Account, c: ServerCertificateView) => ({
  Path: c.path,
  ServerCertificateName: c.name,
  ServerCertificateId: c.id,
  Arn: certificateArn(account, c),
  UploadDate: isoDate(c.uploadedAt),
  Expiration: isoDate(c.expiresAt),
});

const tagList = (tags: ServerCertificateView['tags']) => (tags.length > 0 ? tags.map((t) => ({ Key: t.key, Value: t.value })) : undefined);

/** Upload, Get, List, Update, Delete and tag server certificates (IAM API reference). The private key is never returned. */
export function serverCertificateOperations(): QueryOperation[] {
  const name = (params: Parameters<typeof requiredMember>[0]) => requiredMember(params, 'ServerCertificateName', ENTITY_NAME);
  return [
    {
      action: 'UploadServerCertificate',
      async run({ ctx, params, services }) {
        const input = {
          name: name(params),
          body: requiredMember(params, 'CertificateBody', MATERIAL),
          privateKey: requiredMember(params, 'PrivateKey', PRIVATE_KEY),
          tags: readTags(params, 'Tags.member'),
        };
        const path = optionalMember(params, 'Path', ENTITY_PATH);
        const chain = optionalMember(params, 'CertificateChain', CHAIN);
        const created = await services.serverCertificates.upload(ctx, { ...input, ...(path !== undefined ? { path } : {}), ...(chain !== undefined ? { chain } : {}) });
        return { ServerCertificateMetadata: metadata(await callerAccount(services, ctx), created), Tags: tagList(created.tags) };
      },
    },
    {
      action: 'GetServerCertificate',
      async run({ ctx, params, services }) {
        const found = await services.serverCertificates.get(ctx, name(params));
        return {
          ServerCertificate: {
            ServerCertificateMetadata: metadata(await callerAccount(services, ctx), found),
            CertificateBody: found.body,
            CertificateChain: found.chain ?? undefined,
            Tags: tagList(found.tags),
          },
        };
      },
    },
    {
      action: 'ListServerCertificates',
      async run({ ctx, params, services }) {
        const pathPrefix = optionalMember(params, 'PathPrefix', PATH_PREFIX);
        const paging = readPaging(params);
        const account = await callerAccount(services, ctx);
        const page = pageOf(await services.serverCertificates.list(ctx, pathPrefix), (c) => c.id, paging);
        return { ServerCertificateMetadataList: page.items.map((c) => metadata(account, c)), IsTruncated: page.isTruncated, Marker: page.marker };
      },
    },
    {
      action: 'UpdateServerCertificate',
      async run({ ctx, params, services }) {
        const newName = optionalMember(params, 'NewServerCertificateName', ENTITY_NAME);
        const newPath = optionalMember(params, 'NewPath', ENTITY_PATH);
        await services.serverCertificates.update(ctx, name(params), { ...(newName !== undefined ? { newName } : {}), ...(newPath !== undefined ? { newPath } : {}) });
        return undefined;
      },
    },
    {
      action: 'DeleteServerCertificate',
      async run({ ctx, params, services }) {
        await services.serverCertificates.delete(ctx, name(params));
        return undefined;
      },
    },
    {
      action: 'TagServerCertificate',
      async run({ ctx, params, services }) {
        const certificate = name(params);
        const tags = readTags(params, 'Tags.member');
        if (tags.length === 0) throw new MemberConstraintError('Tags', 'Member must not be null', 'missing');
        await services.serverCertificates.tag(ctx, certificate, tags);
        return undefined;
      },
    },
    {
      action: 'UntagServerCertificate',
      async run({ ctx, params, services }) {
        await services.serverCertificates.untag(ctx, name(params), readTagKeys(params, 'TagKeys.member'));
        return undefined;
      },
    },
    {
      action: 'ListServerCertificateTags',
      async run({ ctx, params, services }) {
        const certificate = name(params);
        const paging = readPaging(params);
        const page = pageOf(await services.serverCertificates.listTags(ctx, certificate), (t) => t.key.toLowerCase(), paging);
        return { Tags: page.items.map((t) => ({ Key: t.key, Value: t.value })), IsTruncated: page.isTruncated, Marker: page.marker };
      },
    },
  ];
}
