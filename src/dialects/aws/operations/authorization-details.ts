/**
 * AWS IAM GetAccountAuthorizationDetails (IAM API reference): `Filter.member.N` of User, Role, Group,
 * LocalManagedPolicy, AWSManagedPolicy (all of them when absent), MaxItems/Marker paging over the
 * whole answer; UserDetailList, GroupDetailList, RoleDetailList and Policies, every policy document
 * URL-encoded as AWS returns them ("compliant with RFC 3986").
 */
import type { Account } from '../../../core/accounts/account.js';
import type { PolicyView } from '../../../core/policies/policy-ref.js';
import type { AuthorizationEntityKind, GroupDetail, InlinePolicyDetail, PolicyDetail, RoleDetail, UserDetail } from '../../../core/reports/authorization-details.js';
import type { Tag } from '../../../core/users/user.js';
import { MemberConstraintError } from '../../kit/aws-family/errors.js';
import { callerAccount, isoDate, type AwsFamilyFlavor } from '../../kit/aws-family/flavor.js';
import { readPaging } from '../../kit/aws-family/params.js';
import { encodeDocument, renderAttachedPolicy, renderPolicy, renderPolicyVersion } from '../../kit/aws-family/policy-shapes.js';
import type { QueryOperation } from '../../kit/query-dialect.js';
import type { QueryParams } from '../../kit/query-params.js';
import { renderRole } from './roles.js';

/** `EntityType` values of the Filter list */
const FILTERS: ReadonlyMap<string, AuthorizationEntityKind> = new Map([
  ['User', 'user'],
  ['Role', 'role'],
  ['Group', 'group'],
  ['LocalManagedPolicy', 'local-policy'],
  ['AWSManagedPolicy', 'system-policy'],
]);

function readFilter(params: QueryParams): Set<AuthorizationEntityKind> {
  const entries = params.indexedList('Filter.member');
  if (entries.length === 0) return new Set(FILTERS.values());
  return new Set(
    entries.map((entry, i) => {
      const kind = FILTERS.get(entry.get('') ?? '');
      if (kind === undefined) throw new MemberConstraintError(`Filter.member.${i + 1}`, `Member must satisfy enum value set: [${[...FILTERS.keys()].join(', ')}]`);
      return kind;
    }),
  );
}

const tagsOf = (tags: Tag[]) => (tags.length > 0 ? tags.map((t) => ({ Key: t.key, Value: t.value })) : undefined);
const inlineOf = (policies: InlinePolicyDetail[], nameKey: 'PolicyName') => policies.map((p) => ({ [nameKey]: p.name, PolicyDocument: encodeDocument(p.document) }));

export function authorizationDetailsOperations(flavor: AwsFamilyFlavor): QueryOperation[] {
  const attached = (account: Account, views: PolicyView[]) => views.map((policy) => renderAttachedPolicy(flavor, account, { policy, attachedAt: 0 }));

  const userOf = (account: Account, d: UserDetail) => ({
    Path: d.user.path,
    UserName: d.user.name,
    UserId: d.user.awsId,
    Arn: flavor.userArn(account, d.user),
    CreateDate: isoDate(d.user.createdAt),
    UserPolicyList: inlineOf(d.inlinePolicies, 'PolicyName'),
    GroupList: d.groupNames,
    AttachedManagedPolicies: attached(account, d.attached),
    PermissionsBoundary: d.boundary === null ? undefined : { PermissionsBoundaryType: 'Policy', PermissionsBoundaryArn: flavor.policyArn(account, d.boundary) },
    Tags: tagsOf(d.tags),
  });

  const groupOf = (account: Account, d: GroupDetail) => ({
    Path: d.group.path,
    GroupName: d.group.name,
    GroupId: d.group.awsId,
    Arn: flavor.groupArn(account, d.group),
    CreateDate: isoDate(d.group.createdAt),
    GroupPolicyList: inlineOf(d.inlinePolicies, 'PolicyName'),
    AttachedManagedPolicies: attached(account, d.attached),
  });

  const roleOf = (account: Account, d: RoleDetail) => {
    const role = renderRole(account, d.role, { tags: d.tags, lastUsed: true });
    return {
      Path: role.Path,
      RoleName: role.RoleName,
      RoleId: role.RoleId,
      Arn: role.Arn,
      CreateDate: role.CreateDate,
      AssumeRolePolicyDocument: role.AssumeRolePolicyDocument,
      // polyiam has no EC2 instance profiles: the list is always empty
      InstanceProfileList: [],
      RolePolicyList: inlineOf(d.inlinePolicies, 'PolicyName'),
      AttachedManagedPolicies: attached(account, d.attached),
      Tags: role.Tags,
      RoleLastUsed: role.RoleLastUsed,
    };
  };

  const policyOf = (account: Account, d: PolicyDetail) => {
    const policy = renderPolicy(flavor, account, d.policy, { description: true });
    return {
      PolicyName: policy.PolicyName,
      PolicyId: policy.PolicyId,
      Arn: policy.Arn,
      Path: policy.Path,
      DefaultVersionId: policy.DefaultVersionId,
      AttachmentCount: policy.AttachmentCount,
      PermissionsBoundaryUsageCount: policy.PermissionsBoundaryUsageCount,
      IsAttachable: policy.IsAttachable,
      Description: policy.Description,
      CreateDate: policy.CreateDate,
      UpdateDate: policy.UpdateDate,
      PolicyVersionList: d.versions.map((v) => renderPolicyVersion(v, { document: true })),
    };
  };

  return [
    {
      action: 'GetAccountAuthorizationDetails',
      async run({ ctx, params, services }) {
        const kinds = readFilter(params);
        const paging = readPaging(params);
        const account = await callerAccount(services, ctx);
        const details = await services.accountReports.authorizationDetails(ctx, kinds, paging);
        return {
          UserDetailList: details.users.map((d) => userOf(account, d)),
          GroupDetailList: details.groups.map((d) => groupOf(account, d)),
          RoleDetailList: details.roles.map((d) => roleOf(account, d)),
          Policies: details.policies.map((d) => policyOf(account, d)),
          IsTruncated: details.nextMarker !== undefined,
          Marker: details.nextMarker,
        };
      },
    },
  ];
}
