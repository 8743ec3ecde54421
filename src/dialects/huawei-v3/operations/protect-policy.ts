import { Actions } from '../../../core/authorization/actions.js';
import type { AllowUser, ProtectPolicySettings } from '../../../core/login-protection/protect-policy.js';
import type { ProtectPolicyChanges } from '../../../core/login-protection/protect-policy-service.js';
import { JsonFields, parseJsonBody } from '../../kit/json-fields.js';
import { WireValidationError } from '../../kit/wire-errors.js';
import { callerOf, type V3Operation } from '../operation.js';
import { pathId, requireOwnDomain } from '../rules.js';

/** AllowUserBody's wire names */
const ALLOW_USER: Record<string, keyof AllowUser> = {
  manage_accesskey: 'manageAccessKey',
  manage_email: 'manageEmail',
  manage_mobile: 'manageMobile',
  manage_password: 'managePassword',
};

function renderAllowUser(allow: AllowUser): Record<string, boolean> {
  return Object.fromEntries(Object.entries(ALLOW_USER).map(([wire, field]) => [wire, allow[field]]));
}

/** ShowDomainProtectPolicyResponseBodyProtectPolicy: every field; `scene` is `""` while none is set (unconfirmed) */
function renderShown(p: ProtectPolicySettings): Record<string, unknown> {
  return { allow_user: renderAllowUser(p.allowUser), operation_protection: p.operationProtection, mobile: p.mobile, admin_check: p.adminCheck ? 'on' : 'off', email: p.email, scene: p.scene ?? '' };
}

/** UpdateDomainProtectPolicyResponseBodyProtectPolicy has no `mobile` or `email` (login-protection.md §2) */
function renderUpdated(p: ProtectPolicySettings): Record<string, unknown> {
  return { allow_user: renderAllowUser(p.allowUser), operation_protection: p.operationProtection, admin_check: p.adminCheck ? 'on' : 'off', scene: p.scene ?? '' };
}

/**
 * Huawei IAM v3.0 ShowDomainProtectPolicy / UpdateDomainProtectPolicy (`/v3.0/OS-SECURITYPOLICY/
 * domains/{domain_id}/protect-policy`, iam_17_0011 / iam_17_0001): the account-wide operation
 * protection that the console enforces on sensitive operations.
 */
export const protectPolicyOperations: V3Operation[] = [
  {
    name: 'showDomainProtectPolicy',
    method: 'GET',
    url: '/OS-SECURITYPOLICY/domains/:domain_id/protect-policy',
    access: 'required',
    async run(call) {
      requireOwnDomain(call, pathId(call, 'domain_id'), Actions.getProtectPolicy);
      return { status: 200, body: { protect_policy: renderShown(await call.services.protectPolicy.get(callerOf(call))) } };
    },
  },
  {
    name: 'updateDomainProtectPolicy',
    method: 'PUT',
    url: '/OS-SECURITYPOLICY/domains/:domain_id/protect-policy',
    access: 'required',
    async run(call) {
      requireOwnDomain(call, pathId(call, 'domain_id'), Actions.updateProtectPolicy);
      const policy = JsonFields.of(parseJsonBody(call.body)).onlyKnown(['protect_policy']).requiredObject('protect_policy');
      policy.onlyKnown(['operation_protection', 'allow_user', 'mobile', 'admin_check', 'email', 'scene']);
      // iam_17_0001 table 4: operation_protection is the one mandatory field
      const changes: ProtectPolicyChanges = { operationProtection: policy.requiredBoolean('operation_protection') };
      const adminCheck = policy.optionalString('admin_check', { max: 8 });
      if (adminCheck !== undefined) {
        if (adminCheck !== 'on' && adminCheck !== 'off') throw new WireValidationError('protect_policy.admin_check', `\`${adminCheck}\` is not one of on, off`);
        changes.adminCheck = adminCheck === 'on';
      }
      const scene = policy.optionalString('scene', { max: 16 });
      if (scene !== undefined) {
        if (scene !== 'mobile' && scene !== 'email') throw new WireValidationError('protect_policy.scene', `\`${scene}\` is not one of mobile, email`);
        changes.scene = scene;
      }
      const mobile = policy.optionalString('mobile', { max: 32 });
      if (mobile !== undefined) changes.mobile = mobile;
      const email = policy.optionalString('email', { max: 255 });
      if (email !== undefined) changes.email = email;
      if (policy.has('allow_user')) {
        const allow = policy.requiredObject('allow_user').onlyKnown(Object.keys(ALLOW_USER));
        const allowUser: Partial<AllowUser> = {};
        for (const [wire, field] of Object.entries(ALLOW_USER)) {
          const value = allow.optionalBoolean(wire);
          if (value !== undefined) allowUser[field] = value;
        }
        changes.allowUser = allowUser;
      }
      const updated = await call.services.protectPolicy.update(callerOf(call), changes);
      return { status: 200, body: { protect_policy: renderUpdated(updated) } };
    },
  },
];
