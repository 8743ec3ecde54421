import type { Account } from '../../../core/accounts/account.js';
import type { AttachedPolicyView } from '../../../core/policies/attachments-service.js';
import type { PolicyVersionView, PolicyView } from '../../../core/policies/policy-ref.js';
import type { Group } from '../../../core/users/group.js';
import { isoDate, type AwsFamilyFlavor } from './flavor.js';
import type { MemberRule } from './params.js';

/** PolicyName, GroupName: 1-128 of `[\w+=,.@-]+` (IAM API reference, CreatePolicy / CreateGroup) */
export const ENTITY_NAME: MemberRule = { min: 1, max: 128, pattern: /^[\w+=,.@-]+$/, patternText: '[\\w+=,.@-]+' };
/** Path (CreatePolicy, CreateGroup): 1-512, `/` or `/` + printable ASCII + `/` */
export const ENTITY_PATH: MemberRule = { min: 1, max: 512, pattern: /^(\/|\/[\u0021-\u007E]+\/)$/, patternText: '((/[A-Za-z0-9\\.,\\+@=_-]+)*)/' };
/** PathPrefix (ListPolicies, ListGroups, ListAttached*Policies): 1-512, `/` then printable ASCII */
export const PATH_PREFIX: MemberRule = { min: 1, max: 512, pattern: /^\/[\u0021-\u007E]*$/, patternText: '\\u002F[\\u0021-\\u007E]*' };
/** PolicyDocument: 1-131072 of `[\u0009\u000A\u000D\u0020-\u00FF]+` (`policyDocumentType`) */
export const POLICY_DOCUMENT: MemberRule = { min: 1, max: 131072, pattern: /^[\u0009\u000A\u000D\u0020-\u00FF]+$/, patternText: '[\\u0009\\u000A\\u000D\\u0020-\\u00FF]+' };
/** Description (CreatePolicy): 0-1000 */
export const DESCRIPTION: MemberRule = { min: 0, max: 1000 };
/** VersionId: `v[1-9][0-9]*(\.[A-Za-z0-9-]*)?` */
export const VERSION_ID: MemberRule = { pattern: /^v[1-9][0-9]*(\.[A-Za-z0-9-]*)?$/, patternText: 'v[1-9][0-9]*(\\.[A-Za-z0-9-]*)?' };

/**
 * AWS returns every policy document URL-encoded inside the XML (IAM API reference, PolicyVersion
 * `Document`: "The policy document returned in this structure is URL-encoded compliant with RFC 3986");
 * the CLI decodes it, SDK users call decodeURIComponent.
 */
export const encodeDocument = (document: string): string => encodeURIComponent(document);

/**
 * AWS `Policy`: PolicyName, PolicyId, Arn, Path, DefaultVersionId, AttachmentCount,
 * PermissionsBoundaryUsageCount, IsAttachable, Description (GetPolicy, CreatePolicy only), CreateDate,
 * UpdateDate.
 */
export function renderPolicy(flavor: AwsFamilyFlavor, account: Account, policy: PolicyView, options: { description?: boolean } = {}) {
  return {
    PolicyName: policy.scope === 'system' ? systemName(flavor, policy) : policy.name,
    PolicyId: policy.awsId,
    Arn: flavor.policyArn(account, policy),
    Path: policy.path,
    DefaultVersionId: policy.defaultVersionId,
    AttachmentCount: policy.attachmentCount,
    PermissionsBoundaryUsageCount: policy.boundaryUsageCount,
    IsAttachable: true,
    Description: options.description && policy.description !== '' ? policy.description : undefined,
    CreateDate: isoDate(policy.createdAt),
    UpdateDate: isoDate(policy.updatedAt),
    // CreatePolicy, GetPolicy: `Tags`, only where there are some
    Tags: policy.tags && policy.tags.length > 0 ? policy.tags.map((tag) => ({ Key: tag.key, Value: tag.value })) : undefined,
  };
}

export function systemName(flavor: AwsFamilyFlavor, policy: PolicyView): string {
  return flavor.syntax === 'kingsoft' ? (policy.systemNames?.kingsoft ?? policy.name) : (policy.systemNames?.aws ?? policy.name);
}

/** AWS `PolicyVersion`: Document (URL-encoded; left out of CreatePolicy and ListPolicyVersions), VersionId, IsDefaultVersion, CreateDate */
export function renderPolicyVersion(version: PolicyVersionView, options: { document: boolean }) {
  return {
    Document: options.document ? encodeDocument(version.document) : undefined,
    VersionId: version.versionId,
    IsDefaultVersion: version.isDefault,
    CreateDate: isoDate(version.createdAt),
  };
}

/** AWS `AttachedPolicy`: PolicyName, PolicyArn */
export function renderAttachedPolicy(flavor: AwsFamilyFlavor, account: Account, attached: AttachedPolicyView) {
  const { policy } = attached;
  return { PolicyName: policy.scope === 'system' ? systemName(flavor, policy) : policy.name, PolicyArn: flavor.policyArn(account, policy) };
}

/** AWS `Group`: Path, GroupName, GroupId, Arn, CreateDate */
export function renderGroup(flavor: AwsFamilyFlavor, account: Account, group: Group) {
  return { Path: group.path, GroupName: group.name, GroupId: group.awsId, Arn: flavor.groupArn(account, group), CreateDate: isoDate(group.createdAt) };
}
