import { JsonFields, parseJsonBody } from '../../kit/json-fields.js';
import type { V5Operation } from '../operation.js';
import { entityTypeParam, groupIdParam, pagination, policyIdParam, userIdParam } from '../rules.js';
import { isoTime, renderAttachedPolicy } from '../shapes.js';
import { pageInfo, pageOfList } from './paging.js';

/** The body's `user_id` / `group_id` (AttachUserPolicyReqBody, AttachGroupPolicyReqBody...), required. */
function bodyId(body: Buffer, field: 'user_id' | 'group_id'): string {
  const input = JsonFields.of(parseJsonBody(body)).onlyKnown([field]);
  const value = input.requiredString(field);
  return field === 'user_id' ? userIdParam(value) : groupIdParam(value);
}

/**
 * Huawei IAM v5 "权限管理": attaching identity policies to users and groups. Attach and detach answer
 * 200 with no body (AttachUserPolicyV5 "Status code: 200 Successful"); authorized on the user or group
 * (`iam:users:attachPolicyV5`, resource `user *`).
 */
export const attachmentOperations: V5Operation[] = [
  {
    name: 'attachUserPolicyV5',
    method: 'POST',
    url: '/policies/:policy_id/attach-user',
    status: 200,
    core: 'policyAttachments.attachToUser',
    errors: ['missing', 'invalid', 'malformedBody', 'denied', 'notFound', 'quota'],
    async run({ ctx, params, body, services }) {
      const policy = policyIdParam(params.policy_id);
      await services.policyAttachments.attachToUser(ctx, { id: bodyId(body, 'user_id') }, { id: policy });
      return undefined;
    },
  },
  {
    name: 'detachUserPolicyV5',
    method: 'POST',
    url: '/policies/:policy_id/detach-user',
    status: 200,
    core: 'policyAttachments.detachFromUser',
    errors: ['missing', 'invalid', 'malformedBody', 'denied', 'notFound'],
    async run({ ctx, params, body, services }) {
      const policy = policyIdParam(params.policy_id);
      await services.policyAttachments.detachFromUser(ctx, { id: bodyId(body, 'user_id') }, { id: policy });
      return undefined;
    },
  },
  {
    name: 'attachGroupPolicyV5',
    method: 'POST',
    url: '/policies/:policy_id/attach-group',
    status: 200,
    core: 'policyAttachments.attachToGroup',
    errors: ['missing', 'invalid', 'malformedBody', 'denied', 'notFound', 'quota'],
    async run({ ctx, params, body, services }) {
      const policy = policyIdParam(params.policy_id);
      await services.policyAttachments.attachToGroup(ctx, { id: bodyId(body, 'group_id') }, { id: policy });
      return undefined;
    },
  },
  {
    name: 'detachGroupPolicyV5',
    method: 'POST',
    url: '/policies/:policy_id/detach-group',
    status: 200,
    core: 'policyAttachments.detachFromGroup',
    errors: ['missing', 'invalid', 'malformedBody', 'denied', 'notFound'],
    async run({ ctx, params, body, services }) {
      const policy = policyIdParam(params.policy_id);
      await services.policyAttachments.detachFromGroup(ctx, { id: bodyId(body, 'group_id') }, { id: policy });
      return undefined;
    },
  },
  {
    name: 'listAttachedUserPoliciesV5',
    method: 'GET',
    url: '/users/:user_id/attached-policies',
    status: 200,
    core: 'policyAttachments.listForUser',
    errors: ['invalid', 'marker', 'denied', 'notFound'],
    async run({ ctx, params, query, services }) {
      const id = userIdParam(params.user_id);
      const paging = pagination(query);
      const { policies } = await services.policyAttachments.listForUser(ctx, { id });
      const page = pageOfList(policies, (a) => a.policy.id, paging);
      return { attached_policies: page.items.map(renderAttachedPolicy), page_info: pageInfo(page) };
    },
  },
  {
    name: 'listAttachedGroupPoliciesV5',
    method: 'GET',
    url: '/groups/:group_id/attached-policies',
    status: 200,
    core: 'policyAttachments.listForGroup',
    errors: ['invalid', 'marker', 'denied', 'notFound'],
    async run({ ctx, params, query, services }) {
      const id = groupIdParam(params.group_id);
      const paging = pagination(query);
      const { policies } = await services.policyAttachments.listForGroup(ctx, { id });
      const page = pageOfList(policies, (a) => a.policy.id, paging);
      return { attached_policies: page.items.map(renderAttachedPolicy), page_info: pageInfo(page) };
    },
  },
  {
    name: 'listEntitiesForPolicyV5',
    method: 'GET',
    url: '/policies/:policy_id/attached-entities',
    status: 200,
    core: 'policyAttachments.listEntities',
    errors: ['invalid', 'marker', 'denied', 'notFound'],
    async run({ ctx, params, query, services }) {
      const id = policyIdParam(params.policy_id);
      const type = entityTypeParam(query.entity_type);
      const paging = pagination(query);
      const found = await services.policyAttachments.listEntities(ctx, { id }, type === 'user' || type === 'group' ? { type } : {});
      // polyiam holds no agencies: `entity_type=agency` is an empty page (once authorized and found)
      const entities = type === 'agency' ? { users: [], groups: [] } : found;
      type Entity = { kind: 'user' | 'group'; id: string; attachedAt: number };
      const all: Entity[] = [
        ...entities.users.map((u): Entity => ({ kind: 'user', id: u.user.id, attachedAt: u.attachedAt })),
        ...entities.groups.map((g): Entity => ({ kind: 'group', id: g.group.id, attachedAt: g.attachedAt })),
      ];
      const page = pageOfList(all, (e) => `${e.kind}:${e.id}`, paging);
      // ListEntitiesForPolicyV5Response: policy_users [{user_id, attached_at}], policy_groups
      // [{group_id, attached_at}], policy_agencies, page_info
      return {
        policy_users: page.items.filter((e) => e.kind === 'user').map((e) => ({ user_id: e.id, attached_at: isoTime(e.attachedAt) })),
        policy_groups: page.items.filter((e) => e.kind === 'group').map((e) => ({ group_id: e.id, attached_at: isoTime(e.attachedAt) })),
        policy_agencies: [],
        page_info: pageInfo(page),
      };
    },
  },
];
