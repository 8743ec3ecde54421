import { Actions } from '../authorization/actions.js';
import { runCommand, type CoreDeps } from '../deps.js';
import { InvalidInputError } from '../errors.js';
import type { CallContext } from '../principal.js';
import { DEFAULT_PROTECT_POLICY, type AllowUser, type ProtectPolicySettings, type ProtectPolicyStore, type SelfManaged } from './protect-policy.js';

/** Huawei's example `0086-123456789`; `+86 123...` forms too */
const MOBILE = /^(\+|00)?[0-9]{1,4}[- ]?[0-9][0-9 -]{4,20}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export type ProtectPolicyChanges = Partial<Omit<ProtectPolicySettings, 'allowUser'>> & { allowUser?: Partial<AllowUser> };

/**
 * The account's operation protection policy (Huawei UpdateDomainProtectPolicy / ShowDomainProtectPolicy).
 * `OperationProtectionService.check` enforces `operation_protection`, `admin_check`, `scene`; the
 * core commands enforce `allow_user` through `SelfManagement` (self-management.ts), and the console
 * asks `allowsSelf` to show only the self-service forms the policy allows.
 */
export class ProtectPolicyService {
  constructor(
    private readonly deps: CoreDeps,
    private readonly policies: ProtectPolicyStore,
  ) {}

  /** the policy in force, without authorization: for enforcement */
  async current(accountId: string): Promise<ProtectPolicySettings> {
    return (await this.policies.find(accountId)) ?? DEFAULT_PROTECT_POLICY;
  }

  /** @throws access-denied */
  get(ctx: CallContext): Promise<ProtectPolicySettings> {
    const accountId = ctx.principal.accountId;
    return runCommand(this.deps, ctx, Actions.getProtectPolicy, { type: 'account', accountId }, () => this.current(accountId));
  }

  /**
   * Applies the given fields over the current policy; `admin_check` on needs a `scene` and that
   * scene's destination (iam_17_0001 table 4).
   * @throws access-denied | invalid-input
   */
  update(ctx: CallContext, changes: ProtectPolicyChanges): Promise<ProtectPolicySettings> {
    const accountId = ctx.principal.accountId;
    return runCommand(this.deps, ctx, Actions.updateProtectPolicy, { type: 'account', accountId }, async () => {
      const current = await this.current(accountId);
      const { allowUser, ...rest } = changes;
      const next: ProtectPolicySettings = {
        ...current,
        ...Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined)),
        allowUser: { ...current.allowUser, ...Object.fromEntries(Object.entries(allowUser ?? {}).filter(([, v]) => v !== undefined)) },
      };
      validate(next);
      await this.policies.put(accountId, next, this.deps.clock.now());
      return next;
    });
  }

  /** Whether the caller may change `what` about itself: the root always; an IAM user unless `allow_user` says no. */
  async allowsSelf(ctx: CallContext, what: SelfManaged): Promise<boolean> {
    return ctx.principal.isRoot || (await this.current(ctx.principal.accountId)).allowUser[what];
  }
}

function validate(p: ProtectPolicySettings): void {
  if (p.scene !== null && p.scene !== 'mobile' && p.scene !== 'email') throw new InvalidInputError('scene', `\`${String(p.scene)}\` is not one of mobile, email`);
  if (p.mobile !== '' && !MOBILE.test(p.mobile)) throw new InvalidInputError('mobile', `\`${p.mobile}\` is not a mobile number`);
  if (p.email !== '' && (p.email.length > 255 || !EMAIL.test(p.email))) throw new InvalidInputError('email', `\`${p.email}\` is not an email address`);
  if (!p.adminCheck) return;
  if (p.scene === null) throw new InvalidInputError('scene', 'is required when admin_check is on');
  if (p.scene === 'mobile' && p.mobile === '') throw new InvalidInputError('mobile', 'is required when admin_check is on and scene is mobile');
  if (p.scene === 'email' && p.email === '') throw new InvalidInputError('email', 'is required when admin_check is on and scene is email');
}
