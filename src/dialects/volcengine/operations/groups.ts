import type { GroupRef } from '../../../core/users/groups-service.js';
import type { Group } from '../../../core/users/group.js';
import type { User } from '../../../core/users/user.js';
import type { StringRule } from '../../kit/json-fields.js';
import type { QueryCall } from '../../kit/query-dialect.js';
import { WireValidationError } from '../../kit/wire-errors.js';
import { accountNumericId, requiredUser, volcOperation, type VolcOperation } from '../operation.js';
import { POLICY_NAME_REF, policyType } from '../rules.js';
import { renderAttachedPolicy, volcTime } from '../shapes.js';

/** Go SDK CreateGroupInput UserGroupName `max:"64"`; the characters as for user names (UNVERIFIED: no published pattern). */
const NEW_GROUP_NAME: StringRule = { min: 1, max: 64, pattern: /^[A-Za-z0-9_.@+=,-]+$/, patternText: 'must hold only letters, digits and `_ . @ + = , -`' };
/** a name that refers to an existing group: any name another dialect allowed */
const GROUP_NAME_REF: StringRule = { min: 1, max: 128, pattern: /^[^\p{Cc}]+$/u, patternText: 'must not contain control characters' };
/** Go SDK CreateGroupInput Description `max:"128"` */
const GROUP_DESCRIPTION: StringRule = { max: 128, pattern: /^[^\p{Cc}]*$/u, patternText: 'must not contain control characters' };
/** ListGroups Limit/Offset, as ListUsers */
const DEFAULT_LIMIT = 10;
const MAX_LIMIT = 1000;

const requiredGroup = (call: QueryCall): GroupRef => ({ name: call.params.requiredString('UserGroupName', GROUP_NAME_REF) });

/**
 * A group's display name (CreateGroup DisplayName, UpdateGroup NewDisplayName) is not kept by the core,
 * which has none for groups in any dialect: refused rather than dropped.
 */
function refuseDisplayName(call: QueryCall, name: 'DisplayName' | 'NewDisplayName'): void {
  if (call.params.has(name)) throw new WireValidationError(name, 'display names of user groups are not kept by polyiam');
}

/** Go SDK UserGroupForGetGroupOutput: UserGroupName, DisplayName, Description, CreateDate, UpdateDate (+ ids in lists) */
function renderGroup(group: Group, accountId: number) {
  return {
    UserGroupName: group.name,
    UserGroupID: group.numericId,
    AccountID: accountId,
    DisplayName: '',
    Description: group.description,
    CreateDate: volcTime(group.createdAt),
    UpdateDate: volcTime(group.updatedAt),
  };
}

/** `Query`: "模糊查询", on the name and description, case-insensitively */
const matches = (query: string | undefined, ...texts: string[]) => query === undefined || texts.some((t) => t.toLowerCase().includes(query.toLowerCase()));

function offsetParams(call: QueryCall): { limit: number; offset: number } {
  return { limit: call.params.optionalInteger('Limit', 1, MAX_LIMIT) ?? DEFAULT_LIMIT, offset: call.params.optionalInteger('Offset', 0, 2_147_483_647) ?? 0 };
}

/** a short list core returns whole (one user's groups, bounded by the quota) */
function paged<T>(call: QueryCall, items: T[]): { page: T[]; Limit: number; Offset: number; Total: number } {
  const { limit, offset } = offsetParams(call);
  return { page: items.slice(offset, offset + limit), Limit: limit, Offset: offset, Total: items.length };
}

const renderMember = (user: User) => ({ UserName: user.name, DisplayName: user.displayName, Description: user.description });

/** Volcengine IAM user groups (用户组), on the core's groups: the Go SDK's api_*group*.go shapes. */
export const groupOperations: VolcOperation[] = [
  volcOperation({
    action: 'CreateGroup',
    source: 'Go SDK api_create_group.go',
    core: 'groups.create',
    errors: ['InvalidParameter', 'GroupAlreadyExists'],
    parameters: ['UserGroupName', 'DisplayName', 'Description'],
    async run(call) {
      refuseDisplayName(call, 'DisplayName');
      const name = call.params.requiredString('UserGroupName', NEW_GROUP_NAME);
      const description = call.params.optionalString('Description', GROUP_DESCRIPTION);
      const group = await call.services.groups.create(call.ctx, { name, ...(description !== undefined ? { description } : {}) });
      return { UserGroup: renderGroup(group, await accountNumericId(call)) };
    },
  }),
  volcOperation({
    action: 'GetGroup',
    source: 'Go SDK api_get_group.go',
    core: 'groups.get',
    errors: ['InvalidParameter', 'GroupNotExist'],
    parameters: ['UserGroupName'],
    async run(call) {
      const group = await call.services.groups.get(call.ctx, requiredGroup(call));
      return { UserGroup: renderGroup(group, await accountNumericId(call)) };
    },
  }),
  volcOperation({
    action: 'ListGroups',
    source: 'Go SDK api_list_groups.go',
    core: 'groups.list',
    errors: ['InvalidLimit', 'InvalidOffset'],
    parameters: ['Limit', 'Offset', 'Query'],
    async run(call) {
      const query = call.params.optionalString('Query', { max: 128 });
      const { limit, offset } = offsetParams(call);
      // issue #17: Limit/Offset served by keyset seeks in the store, `Total` counted there
      const page = await call.services.groups.list(call.ctx, { limit, offset, ...(query ? { textContains: query } : {}) });
      const accountId = await accountNumericId(call);
      return { UserGroups: page.items.map((g) => renderGroup(g, accountId)), Limit: limit, Offset: offset, Total: page.total ?? page.items.length };
    },
  }),
  volcOperation({
    action: 'UpdateGroup',
    source: 'Go SDK api_update_group.go',
    core: 'groups.update',
    errors: ['InvalidParameter', 'GroupNotExist', 'GroupAlreadyExists'],
    parameters: ['UserGroupName', 'NewUserGroupName', 'NewDisplayName', 'NewDescription'],
    async run(call) {
      refuseDisplayName(call, 'NewDisplayName');
      const ref = requiredGroup(call);
      const newName = call.params.optionalString('NewUserGroupName', NEW_GROUP_NAME);
      const description = call.params.optionalString('NewDescription', GROUP_DESCRIPTION);
      await call.services.groups.update(call.ctx, ref, { ...(newName !== undefined ? { newName } : {}), ...(description !== undefined ? { description } : {}) });
      return undefined;
    },
  }),
  volcOperation({
    action: 'DeleteGroup',
    source: 'Go SDK api_delete_group.go',
    core: 'groups.delete (cascade)',
    errors: ['InvalidParameter', 'GroupNotExist'],
    parameters: ['UserGroupName'],
    async run(call) {
      // Volcengine deletes a group with its memberships and attachments (UNVERIFIED), as Huawei does
      await call.services.groups.delete(call.ctx, requiredGroup(call), { cascade: true });
      return undefined;
    },
  }),
  volcOperation({
    action: 'AddUserToGroup',
    source: 'Go SDK api_add_user_to_group.go',
    core: 'groups.addUser',
    errors: ['InvalidParameter', 'GroupNotExist', 'UserNotExist'],
    parameters: ['UserGroupName', 'UserName'],
    async run(call) {
      await call.services.groups.addUser(call.ctx, requiredGroup(call), requiredUser(call));
      return undefined;
    },
  }),
  volcOperation({
    action: 'RemoveUserFromGroup',
    source: 'Go SDK api_remove_user_from_group.go',
    core: 'groups.removeUser',
    errors: ['InvalidParameter', 'GroupNotExist', 'UserNotExist'],
    parameters: ['UserGroupName', 'UserName'],
    async run(call) {
      await call.services.groups.removeUser(call.ctx, requiredGroup(call), requiredUser(call));
      return undefined;
    },
  }),
  volcOperation({
    action: 'ListGroupsForUser',
    source: 'Go SDK api_list_groups_for_user.go',
    core: 'groups.listForUser',
    errors: ['InvalidParameter', 'UserNotExist', 'InvalidLimit', 'InvalidOffset'],
    parameters: ['UserName', 'Limit', 'Offset', 'Query'],
    async run(call) {
      const query = call.params.optionalString('Query', { max: 128 });
      const { groups } = await call.services.groups.listForUser(call.ctx, requiredUser(call));
      const { page, ...rest } = paged(call, groups.filter((g) => matches(query, g.name, g.description)));
      return { UserGroups: page.map((g) => ({ UserGroupName: g.name, UserGroupID: g.numericId, DisplayName: '', Description: g.description })), ...rest };
    },
  }),
  volcOperation({
    action: 'ListUsersForGroup',
    source: 'Go SDK api_list_users_for_group.go',
    core: 'groups.listUsers',
    errors: ['InvalidParameter', 'GroupNotExist', 'InvalidLimit', 'InvalidOffset'],
    parameters: ['UserGroupName', 'Limit', 'Offset'],
    async run(call) {
      const { users } = await call.services.groups.listUsers(call.ctx, requiredGroup(call));
      const { page, ...rest } = paged(call, users);
      return { Users: page.map(renderMember), ...rest };
    },
  }),
  volcOperation({
    action: 'AttachUserGroupPolicy',
    source: 'Go SDK api_attach_user_group_policy.go',
    core: 'policyAttachments.attachToGroup',
    errors: ['InvalidParameter', 'GroupNotExist', 'PolicyNotExist', 'LimitExceeded'],
    parameters: ['UserGroupName', 'PolicyName', 'PolicyType'],
    async run(call) {
      await call.services.policyAttachments.attachToGroup(call.ctx, requiredGroup(call), policyRef(call));
      return undefined;
    },
  }),
  volcOperation({
    action: 'DetachUserGroupPolicy',
    source: 'Go SDK api_detach_user_group_policy.go',
    core: 'policyAttachments.detachFromGroup',
    errors: ['InvalidParameter', 'GroupNotExist', 'PolicyNotExist'],
    parameters: ['UserGroupName', 'PolicyName', 'PolicyType'],
    async run(call) {
      await call.services.policyAttachments.detachFromGroup(call.ctx, requiredGroup(call), policyRef(call));
      return undefined;
    },
  }),
  volcOperation({
    action: 'ListAttachedUserGroupPolicies',
    source: 'Go SDK api_list_attached_user_group_policies.go',
    core: 'policyAttachments.listForGroup',
    errors: ['InvalidParameter', 'GroupNotExist'],
    parameters: ['UserGroupName'],
    async run(call) {
      const { policies } = await call.services.policyAttachments.listForGroup(call.ctx, requiredGroup(call));
      const accountId = await accountNumericId(call);
      return { AttachedPolicyMetadata: policies.map((a) => renderAttachedPolicy(a, accountId)) };
    },
  }),
];

function policyRef(call: QueryCall) {
  const name = call.params.requiredString('PolicyName', POLICY_NAME_REF);
  const scope = policyType(call.params, 'PolicyType', true);
  return scope === undefined ? { name } : { name, scope };
}
