import type { Role } from '../../../core/roles/role.js';
import type { QueryCall } from '../../kit/query-dialect.js';
import { WireValidationError } from '../../kit/wire-errors.js';
import { accountNumericId, volcOperation, type VolcOperation } from '../operation.js';
import { POLICY_DOCUMENT, POLICY_NAME_REF, policyType } from '../rules.js';
import { renderAttachedPolicy, volcTime } from '../shapes.js';

/** Volcengine RoleName: 1-64 of `[\w+=,.@-]` (V-CR), looked up case-insensitively */
const ROLE_NAME = { min: 1, max: 64, pattern: /^[\w+=,.@-]+$/, patternText: 'must hold only letters, digits and `+=,.@-_`' };
const ROLE_DESCRIPTION = { max: 128, pattern: /^[^\p{Cc}]*$/u, patternText: 'must not contain control characters' };
/** STS AssumeRole RoleSessionName: 2-64 of `[\w.@-]` (V-AR) */
const SESSION_NAME = { min: 2, max: 64, pattern: /^[\w.@-]+$/, patternText: 'must hold only letters, digits and `_.@-`' };
const DEFAULT_LIMIT = 100;

/** `trn:iam::<AccountId>:role/<RoleName>` (V-AR RoleTrn) */
export const roleTrn = (role: Pick<Role, 'name'>, accountId: number) => `trn:iam::${accountId}:role/${role.name}`;

/** Volcengine `Role` (volc-sdk-java RoleResponse): RoleName, RoleId, Trn, Description, TrustPolicyDocument, MaxSessionDuration, dates. */
function renderRole(role: Role, accountId: number) {
  return {
    RoleId: role.numericId,
    RoleName: role.name,
    Trn: roleTrn(role, accountId),
    Description: role.description,
    TrustPolicyDocument: role.trustPolicy,
    MaxSessionDuration: role.maxSessionDuration,
    CreateDate: volcTime(role.createdAt),
    UpdateDate: volcTime(role.updatedAt),
  };
}

const roleName = (call: QueryCall) => ({ name: call.params.requiredString('RoleName', ROLE_NAME) });

/** Java's RoleCreateRequest types MaxSessionDuration as a string: `"3600"` and 3600 both arrive as text here. */
const maxSessionDuration = (call: QueryCall) => call.params.optionalInteger('MaxSessionDuration', 3_600, 43_200);

/** Volcengine IAM roles (角色管理) and STS AssumeRole; trust policies are written in the `volcengine` syntax. */
export const roleOperations: VolcOperation[] = [
  volcOperation({
    action: 'CreateRole',
    source: 'BytePlus createrole (V-CR)',
    core: 'roles.create',
    errors: ['InvalidParameter', 'RoleAlreadyExists', 'MalformedPolicyDocument', 'LimitExceeded'],
    parameters: ['RoleName', 'TrustPolicyDocument', 'Description', 'MaxSessionDuration'],
    async run(call) {
      const { params, ctx, services } = call;
      const name = params.requiredString('RoleName', ROLE_NAME);
      const trustPolicy = params.requiredString('TrustPolicyDocument', POLICY_DOCUMENT);
      const description = params.optionalString('Description', ROLE_DESCRIPTION);
      const duration = maxSessionDuration(call);
      const { role } = await services.roles.create(ctx, { name, trustPolicy, syntax: 'volcengine', ...(description !== undefined ? { description } : {}), ...(duration !== undefined ? { maxSessionDuration: duration } : {}) });
      return { Role: renderRole(role, await accountNumericId(call)) };
    },
  }),
  volcOperation({
    action: 'GetRole',
    source: 'volc-sdk-java RoleGetRequest',
    core: 'roles.get',
    errors: ['InvalidParameter', 'RoleNotExist'],
    parameters: ['RoleName'],
    async run(call) {
      const { role } = await call.services.roles.get(call.ctx, roleName(call));
      return { Role: renderRole(role, await accountNumericId(call)) };
    },
  }),
  volcOperation({
    action: 'ListRoles',
    source: 'volc-sdk-java RoleListRequest',
    core: 'roles.listPage',
    errors: ['InvalidParameter'],
    // Query: a case-insensitive substring of the name or description (UNVERIFIED, as ListUsers Query)
    parameters: ['Limit', 'Offset', 'Query'],
    async run(call) {
      const { params, ctx, services } = call;
      const limit = params.optionalInteger('Limit', 1, 1000) ?? DEFAULT_LIMIT;
      const offset = params.optionalInteger('Offset', 0, 2_147_483_647) ?? 0;
      const query = params.optionalString('Query', { max: 128 });
      // issue #17: Limit/Offset served by keyset seeks in the store, `Total` counted there
      const page = await services.roles.listPage(ctx, { limit, offset, ...(query ? { textContains: query } : {}) });
      const accountId = await accountNumericId(call);
      return { RoleMetadata: page.items.map((r) => renderRole(r, accountId)), Limit: limit, Offset: offset, Total: page.total ?? page.items.length };
    },
  }),
  volcOperation({
    action: 'UpdateRole',
    source: 'volc-sdk-java RoleUpdateRequest',
    core: 'roles.update, roles.updateTrustPolicy',
    errors: ['InvalidParameter', 'RoleNotExist', 'MalformedPolicyDocument'],
    parameters: ['RoleName', 'Description', 'MaxSessionDuration', 'TrustPolicyDocument'],
    async run(call) {
      const { params, ctx, services } = call;
      const ref = roleName(call);
      const description = params.optionalString('Description', ROLE_DESCRIPTION);
      const duration = maxSessionDuration(call);
      const trust = params.optionalString('TrustPolicyDocument', POLICY_DOCUMENT);
      if (description !== undefined || duration !== undefined) {
        await services.roles.update(ctx, ref, { ...(description !== undefined ? { description } : {}), ...(duration !== undefined ? { maxSessionDuration: duration } : {}) });
      }
      if (trust !== undefined) await services.roles.updateTrustPolicy(ctx, ref, trust, 'volcengine');
      if (description === undefined && duration === undefined && trust === undefined) await services.roles.get(ctx, ref);
      return {};
    },
  }),
  volcOperation({
    action: 'DeleteRole',
    source: 'volc-sdk-java RoleDeleteRequest',
    core: 'roles.delete',
    errors: ['InvalidParameter', 'RoleNotExist', 'RoleDeleteConflict'],
    parameters: ['RoleName'],
    async run(call) {
      await call.services.roles.delete(call.ctx, roleName(call));
      return {};
    },
  }),
  volcOperation({
    action: 'AttachRolePolicy',
    source: 'volc-sdk-java AttachRolePolicyRequest',
    core: 'roles.attachPolicy',
    errors: ['InvalidParameter', 'RoleNotExist', 'PolicyNotExist', 'LimitExceeded'],
    parameters: ['RoleName', 'PolicyName', 'PolicyType'],
    async run(call) {
      const ref = roleName(call);
      await call.services.roles.attachPolicy(call.ctx, ref, { name: call.params.requiredString('PolicyName', POLICY_NAME_REF), scope: policyType(call.params)! });
      return {};
    },
  }),
  volcOperation({
    action: 'DetachRolePolicy',
    source: 'volc-sdk-java DetachRolePolicyRequest',
    core: 'roles.detachPolicy',
    errors: ['InvalidParameter', 'RoleNotExist', 'PolicyNotExist'],
    parameters: ['RoleName', 'PolicyName', 'PolicyType'],
    async run(call) {
      const ref = roleName(call);
      await call.services.roles.detachPolicy(call.ctx, ref, { name: call.params.requiredString('PolicyName', POLICY_NAME_REF), scope: policyType(call.params)! });
      return {};
    },
  }),
  volcOperation({
    action: 'ListAttachedRolePolicies',
    source: 'volc-sdk-java ListAttachedRolePoliciesRequest',
    core: 'roles.listAttachedPolicies',
    errors: ['InvalidParameter', 'RoleNotExist'],
    parameters: ['RoleName'],
    async run(call) {
      const { policies } = await call.services.roles.listAttachedPolicies(call.ctx, roleName(call));
      const accountId = await accountNumericId(call);
      return { AttachedPolicyMetadata: policies.map((a) => renderAttachedPolicy(a, accountId)) };
    },
  }),
  volcOperation({
    action: 'AssumeRole',
    source: '6257/86374 (V-AR)',
    service: 'sts',
    core: 'assumeRole.assume',
    errors: ['InvalidParameter', 'AccessDenied', 'MalformedPolicyDocument'],
    parameters: ['RoleTrn', 'RoleSessionName', 'DurationSeconds', 'Policy'],
    async run(call) {
      const { params, ctx, services } = call;
      const trn = params.requiredString('RoleTrn', { min: 1, max: 2048 });
      const match = /^trn:iam::(\d+):role\/([\w+=,.@-]{1,64})$/.exec(trn);
      if (!match) throw new WireValidationError('RoleTrn', `\`${trn}\` is not a role trn`);
      const sessionName = params.requiredString('RoleSessionName', SESSION_NAME);
      // V-AR: out-of-range durations are clamped to 900..43200, not refused
      const asked = params.optionalInteger('DurationSeconds', -2_147_483_648, 2_147_483_647);
      const policy = params.optionalString('Policy', { min: 1, max: 2048 });
      const assumed = await services.assumeRole.assume(ctx, {
        role: { account: match[1]!, name: match[2]! },
        sessionName,
        clampDuration: true,
        policySyntax: 'volcengine',
        ...(asked !== undefined ? { durationSeconds: Math.min(asked, 43_200) } : {}),
        ...(policy !== undefined ? { policy } : {}),
      });
      const accountId = assumed.account.numericId;
      return {
        Credentials: {
          CurrentTime: new Date(assumed.session.issuedAt).toISOString(),
          ExpiredTime: new Date(assumed.expiresAt).toISOString(),
          AccessKeyId: assumed.accessKeyId,
          // the one time a secret leaves the server
          SecretAccessKey: assumed.secret.reveal(),
          SessionToken: assumed.sessionToken.reveal(),
        },
        AssumedRoleUser: { Trn: `trn:sts::${accountId}:assumed-role/${assumed.role.name}/${sessionName}`, AssumedRoleId: `${assumed.role.numericId}:${sessionName}` },
      };
    },
  }),
];
