import type { PolicySyntax } from '../../../../core/policies/document.js';
import type { CallContext } from '../../../../core/principal.js';
import type { DialectServices } from '../../../../front/services.js';
import type { QueryCall, QueryOperation } from '../../query-dialect.js';
import { targetUser, type AwsFamilyFlavor } from '../flavor.js';
import { pageOf } from '../paging.js';
import { readPaging, requiredMember } from '../params.js';
import { encodeDocument, ENTITY_NAME, POLICY_DOCUMENT } from '../policy-shapes.js';

/** The four commands core offers for each kind of inline-policy holder (user, group, role). */
interface InlinePolicyCommands<Ref, Found> {
  put(ctx: CallContext, ref: Ref, input: { name: string; syntax: PolicySyntax; document: string }): Promise<unknown>;
  get(ctx: CallContext, ref: Ref, name: string): Promise<Found>;
  delete(ctx: CallContext, ref: Ref, name: string): Promise<void>;
  list(ctx: CallContext, ref: Ref): Promise<{ policies: Array<{ name: string }> }>;
}

/** One holder kind as the IAM API names it: `Put<Kind>Policy`..., and `<Kind>Name` in GetXPolicy's result. */
export interface InlinePolicyHolder<Ref, Found> {
  kind: 'User' | 'Group' | 'Role';
  ref(call: QueryCall): Ref;
  commands(services: DialectServices): InlinePolicyCommands<Ref, Found>;
  holderName(found: Found): string;
}

/** Put/Get/Delete/List<Kind>Policies (IAM API reference): the same four operations for every holder kind. */
export function inlinePolicyOperationsFor<Ref, Found extends { policy: { name: string; document: string } }>(flavor: AwsFamilyFlavor, holder: InlinePolicyHolder<Ref, Found>): QueryOperation[] {
  const { kind } = holder;
  return [
    {
      action: `Put${kind}Policy`,
      async run(call) {
        const ref = holder.ref(call);
        const name = requiredMember(call.params, 'PolicyName', ENTITY_NAME);
        const document = requiredMember(call.params, 'PolicyDocument', POLICY_DOCUMENT);
        await holder.commands(call.services).put(call.ctx, ref, { name, syntax: flavor.syntax, document });
        return undefined;
      },
    },
    {
      action: `Get${kind}Policy`,
      async run(call) {
        const ref = holder.ref(call);
        const found = await holder.commands(call.services).get(call.ctx, ref, requiredMember(call.params, 'PolicyName', ENTITY_NAME));
        return { [`${kind}Name`]: holder.holderName(found), PolicyName: found.policy.name, PolicyDocument: encodeDocument(found.policy.document) };
      },
    },
    {
      action: `Delete${kind}Policy`,
      async run(call) {
        const ref = holder.ref(call);
        await holder.commands(call.services).delete(call.ctx, ref, requiredMember(call.params, 'PolicyName', ENTITY_NAME));
        return undefined;
      },
    },
    {
      action: `List${kind}Policies`,
      async run(call) {
        const ref = holder.ref(call);
        const paging = readPaging(call.params);
        const { policies } = await holder.commands(call.services).list(call.ctx, ref);
        const page = pageOf(policies, (p) => p.name.toLowerCase(), paging);
        return { PolicyNames: page.items.map((p) => p.name), IsTruncated: page.isTruncated, Marker: page.marker };
      },
    },
  ];
}

/** PutUserPolicy, GetUserPolicy, DeleteUserPolicy, ListUserPolicies (IAM API reference): inline user policies. */
export function inlinePolicyOperations(flavor: AwsFamilyFlavor): QueryOperation[] {
  return inlinePolicyOperationsFor(flavor, {
    kind: 'User',
    ref: ({ params, ctx }) => targetUser(params, ctx, flavor.userNameRef, { required: true }),
    commands: (services) => services.inlinePolicies,
    holderName: (found) => found.user.name,
  });
}

/** PutGroupPolicy, GetGroupPolicy, DeleteGroupPolicy, ListGroupPolicies (IAM API reference): GroupName 1-128. */
export function groupInlinePolicyOperations(flavor: AwsFamilyFlavor): QueryOperation[] {
  return inlinePolicyOperationsFor(flavor, {
    kind: 'Group',
    ref: ({ params }) => ({ name: requiredMember(params, 'GroupName', ENTITY_NAME) }),
    commands: (services) => services.groupInlinePolicies,
    holderName: (found) => found.group.name,
  });
}
