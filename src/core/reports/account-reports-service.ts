import type { AccessKey } from '../access-keys/access-key.js';
import { MAX_ACCESS_KEYS_PER_USER } from '../access-keys/access-key.js';
import { ReportActions } from '../authorization/actions.js';
import { runCommand, type CoreDeps } from '../deps.js';
import { POLICY_LIMITS } from '../policies/policy.js';
import type { CallContext } from '../principal.js';
import { ROLE_LIMITS } from '../roles/role.js';
import type { User } from '../users/user.js';
import type { MfaDeviceRepository } from '../mfa/ports.js';
import type { CredentialReportStore } from './credential-report-store.js';
import { readAuthorizationDetails, type AuthorizationDetails, type AuthorizationEntityKind } from './authorization-details.js';

/** AWS GenerateCredentialReport: "If a report was generated in the last four hours, it is returned". */
export const REPORT_REUSE_MS = 4 * 3_600_000;

export interface CredentialReportKey {
  active: boolean;
  /** AWS access_key_N_last_rotated: when the key was made */
  lastRotated: number;
  lastUsedAt: number | null;
  lastUsedRegion: string | null;
  lastUsedService: string | null;
}

/** What a report keeps of a user: no more than its columns need (it is stored as it was generated). */
export type CredentialReportUser = Pick<User, 'name' | 'path' | 'isRoot' | 'createdAt' | 'passwordLastUsedAt'>;

/** One user's credentials, dialect-free; the AWS dialect renders the CSV. */
export interface CredentialReportRow {
  user: CredentialReportUser;
  passwordEnabled: boolean;
  passwordLastChanged: number | null;
  /** when the password policy's maximum age makes the password expire; null without one */
  passwordNextRotation: number | null;
  /** AWS mfa_active: an MFA device is enabled for the user */
  mfaActive?: boolean;
  keys: CredentialReportKey[];
}

export interface CredentialReport {
  generatedAt: number;
  rows: CredentialReportRow[];
}

export type CredentialReportState = 'STARTED' | 'COMPLETE';

/** GetAccountSummary's counts and quotas, for what polyiam has. */
export interface AccountSummary {
  /** IAM users, not the root */
  users: number;
  groups: number;
  roles: number;
  policies: number;
  /** attachments of managed policies to users and groups */
  policyAttachments: number;
  accountAccessKeysPresent: boolean;
  /** AWS AccountMFAEnabled: the root has an enabled MFA device */
  accountMfaEnabled: boolean;
  /** AWS MFADevices / MFADevicesInUse: the account's devices, and those enabled for a user */
  mfaDevices: number;
  mfaDevicesInUse: number;
  quotas: {
    accessKeysPerUser: number;
    attachedPoliciesPerUser: number;
    attachedPoliciesPerGroup: number;
    attachedPoliciesPerRole: number;
    policies: number;
    versionsPerPolicy: number;
    roles: number;
  };
}

/** A generation begun this long ago and never completed (its node died) is taken over by the next request. */
export const GENERATION_STALE_MS = 5 * 60_000;

/**
 * Account-level reports (AWS IAM GenerateCredentialReport / GetCredentialReport / GetAccountSummary,
 * GetAccountAuthorizationDetails). Credential reports are stored (`CredentialReportStore`), so every
 * node serves the same one for four hours, as AWS reuses one, and sees a generation in progress.
 */
export class AccountReportsService {
  constructor(
    private readonly deps: CoreDeps,
    private readonly reports: CredentialReportStore,
    private readonly mfaDevices: Pick<MfaDeviceRepository, 'list'>,
  ) {}

  /**
   * AWS GenerateCredentialReport State: `STARTED` when this call (or another node, now) generates one,
   * `COMPLETE` while a report of the last four hours exists. @throws access-denied
   */
  generateCredentialReport(ctx: CallContext): Promise<CredentialReportState> {
    const accountId = ctx.principal.accountId;
    return runCommand(this.deps, ctx, ReportActions.generateCredentialReport, { type: 'account', accountId }, async () => {
      const now = this.deps.clock.now();
      const stored = await this.reports.find(accountId);
      if (stored?.state === 'complete' && stored.generatedAt !== null && now - stored.generatedAt < REPORT_REUSE_MS) return 'COMPLETE';
      if (!(await this.reports.claim(accountId, now, now - REPORT_REUSE_MS, now - GENERATION_STALE_MS))) {
        // another node began one (or completed one) a moment ago
        return (await this.reports.find(accountId))?.state === 'complete' ? 'COMPLETE' : 'STARTED';
      }
      try {
        const report = await this.build(accountId, now);
        await this.reports.complete(accountId, now, report.generatedAt, JSON.stringify(report.rows));
      } catch (err) {
        await this.reports.abandon(accountId, now).catch(() => undefined);
        throw err;
      }
      return 'STARTED';
    });
  }

  /**
   * The account's report; `absent` before any, `in-progress` while one is being generated, `expired`
   * four hours after. @throws access-denied
   */
  getCredentialReport(ctx: CallContext): Promise<CredentialReport | 'absent' | 'in-progress' | 'expired'> {
    const accountId = ctx.principal.accountId;
    return runCommand(this.deps, ctx, ReportActions.getCredentialReport, { type: 'account', accountId }, async () => {
      const now = this.deps.clock.now();
      const stored = await this.reports.find(accountId);
      if (!stored) return 'absent';
      if (stored.state === 'started') return now - stored.startedAt < GENERATION_STALE_MS ? 'in-progress' : 'absent';
      if (stored.generatedAt === null || stored.content === null) return 'absent';
      if (now - stored.generatedAt >= REPORT_REUSE_MS) return 'expired';
      return { generatedAt: stored.generatedAt, rows: JSON.parse(stored.content) as CredentialReportRow[] };
    });
  }

  /** @throws access-denied */
  summary(ctx: CallContext): Promise<AccountSummary> {
    const accountId = ctx.principal.accountId;
    const store = this.deps.store;
    return runCommand(this.deps, ctx, ReportActions.getAccountSummary, { type: 'account', accountId }, async () => {
      const users = await this.allUsers(accountId);
      let groups = 0;
      let marker: string | undefined;
      do {
        const page = await store.groups.list(accountId, { limit: 1000, ...(marker ? { marker } : {}) });
        groups += page.items.length;
        marker = page.nextMarker;
      } while (marker);
      let attachments = 0;
      for (const count of (await store.policies.attachmentCounts(accountId)).values()) attachments += count;
      const root = users.find((u) => u.isRoot);
      const devices = await this.mfaDevices.list(accountId, 'any');
      return {
        users: users.filter((u) => !u.isRoot).length,
        groups,
        roles: await store.roles.count(accountId),
        policies: await store.policies.count(accountId),
        policyAttachments: attachments,
        accountAccessKeysPresent: root !== undefined && (await store.accessKeys.countByUser(root.id)) > 0,
        accountMfaEnabled: root !== undefined && devices.some((d) => d.userId === root.id),
        mfaDevices: devices.length,
        mfaDevicesInUse: devices.filter((d) => d.userId !== null).length,
        quotas: {
          accessKeysPerUser: MAX_ACCESS_KEYS_PER_USER,
          attachedPoliciesPerUser: POLICY_LIMITS.attachedPerUser,
          attachedPoliciesPerGroup: POLICY_LIMITS.attachedPerGroup,
          attachedPoliciesPerRole: ROLE_LIMITS.attachedPerRole,
          roles: ROLE_LIMITS.rolesPerAccount,
          policies: POLICY_LIMITS.customPoliciesPerAccount,
          versionsPerPolicy: POLICY_LIMITS.versionsPerPolicy,
        },
      };
    });
  }

  /**
   * AWS GetAccountAuthorizationDetails: the account's users, groups, roles and policies with their
   * relationships and documents, one page at a time.
   * @throws access-denied | invalid-input (marker)
   */
  authorizationDetails(ctx: CallContext, kinds: ReadonlySet<AuthorizationEntityKind>, query: { limit: number; marker?: string }): Promise<AuthorizationDetails> {
    const accountId = ctx.principal.accountId;
    return runCommand(this.deps, ctx, ReportActions.getAccountAuthorizationDetails, { type: 'account', accountId }, () => readAuthorizationDetails(this.deps.store, accountId, kinds, query));
  }

  private async allUsers(accountId: string): Promise<User[]> {
    const users: User[] = [];
    let marker: string | undefined;
    do {
      const page = await this.deps.store.users.list(accountId, { limit: 1000, includeRoot: true, ...(marker ? { marker } : {}) });
      users.push(...page.items);
      marker = page.nextMarker;
    } while (marker);
    return users;
  }

  private async build(accountId: string, now: number): Promise<CredentialReport> {
    const store = this.deps.store;
    const maxAgeDays = (await store.passwordPolicies.find(accountId))?.maxAgeDays ?? 0;
    const rows: CredentialReportRow[] = [];
    const mfaUsers = new Set((await this.mfaDevices.list(accountId, 'assigned')).map((d) => d.userId));
    for (const user of await this.allUsers(accountId)) {
      const profile = await store.loginProfiles.find(user.id);
      const keys = (await store.accessKeys.listByUser(user.id)).sort((a, b) => a.createdAt - b.createdAt).slice(0, MAX_ACCESS_KEYS_PER_USER);
      rows.push({
        user: { name: user.name, path: user.path, isRoot: user.isRoot, createdAt: user.createdAt, passwordLastUsedAt: user.passwordLastUsedAt },
        passwordEnabled: profile !== undefined,
        passwordLastChanged: profile?.passwordChangedAt ?? null,
        passwordNextRotation: profile && maxAgeDays > 0 ? profile.passwordChangedAt + maxAgeDays * 86_400_000 : null,
        mfaActive: mfaUsers.has(user.id),
        keys: keys.map(keyOf),
      });
    }
    // AWS lists the root account first
    rows.sort((a, b) => Number(b.user.isRoot) - Number(a.user.isRoot) || a.user.createdAt - b.user.createdAt);
    return { generatedAt: now, rows };
  }
}

function keyOf(key: AccessKey): CredentialReportKey {
  return { active: key.status === 'active', lastRotated: key.createdAt, lastUsedAt: key.lastUsedAt, lastUsedRegion: key.lastUsedRegion, lastUsedService: key.lastUsedService };
}
