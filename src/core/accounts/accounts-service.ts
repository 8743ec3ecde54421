import type { CoreDeps } from '../deps.js';
import { InvalidInputError, PasswordPolicyError } from '../errors.js';
import { checkPassword, DEFAULT_PASSWORD_POLICY } from '../password-policy/password-policy.js';
import { PlainPassword, SecretAccessKey } from '../secrets.js';
import { ADMIN_GROUP_NAME, type Group } from '../users/group.js';
import type { User } from '../users/user.js';
import { DEFAULT_PROTECTION, newLoginProfile } from '../login-profiles/login-profile.js';
import { ADMIN_GROUP_POLICY } from '../policies/system-policies.js';
import { ACCOUNT_NAME_PATTERN, type Account } from './account.js';

export interface CreatedAccount {
  account: Account;
  root: User;
  /** shown once */
  password: PlainPassword;
  accessKeyId: string;
  /** shown once */
  secret: SecretAccessKey;
}

/** Tenants. Created by an operator (CLI, first start), never through a dialect. */
export class AccountsService {
  constructor(private readonly deps: CoreDeps) {}

  /**
   * Creates an account with its root user (named after the account, with a login profile and an
   * access key) and its `admin` group holding the Security Administrator system policy, in one transaction.
   * @throws already-exists | invalid-input | password-policy
   */
  async create(name: string, password?: PlainPassword, description?: string): Promise<CreatedAccount> {
    const { store, clock, ids, hasher, secretBox } = this.deps;
    if (!ACCOUNT_NAME_PATTERN.test(name)) {
      throw new InvalidInputError('name', 'must start with a letter and hold 1 to 64 letters, digits, `_`, `.` or `-`');
    }
    const chosen = password ?? new PlainPassword(ids.password());
    const violations = checkPassword(DEFAULT_PASSWORD_POLICY, chosen.reveal(), name);
    if (violations.length > 0) throw new PasswordPolicyError(violations);
    const hash = await hasher.hash(chosen);
    const now = clock.now();
    const account: Account = { id: ids.hexId(), name, awsAccountId: ids.awsAccountId(), numericId: ids.numericId(), createdAt: now, enabled: true, description: description ?? '' };
    const root: User = {
      id: ids.hexId(),
      accountId: account.id,
      name,
      path: '/',
      description: 'account root user',
      displayName: name,
      email: '',
      phone: '',
      enabled: true,
      isRoot: true,
      awsId: ids.awsUserId(),
      numericId: ids.numericId(),
      createdAt: now,
      updatedAt: now,
      passwordLastUsedAt: null,
      permissionsBoundaryId: null,
    };
    const admins: Group = {
      id: ids.hexId(),
      accountId: account.id,
      name: ADMIN_GROUP_NAME,
      path: '/',
      description: 'Security Administrator rights over the account',
      awsId: ids.awsUserId().replace(/^AIDA/, 'AGPA'),
      numericId: ids.numericId(),
      createdAt: now,
      updatedAt: now,
    };
    const secret = ids.secretAccessKey();
    const accessKeyId = ids.accessKeyId();
    await store.transaction(async (tx) => {
      await tx.accounts.create(account);
      await tx.users.create(root);
      await tx.loginProfiles.create(
        newLoginProfile({ userId: root.id, accountId: account.id, passwordHash: hash, passwordResetRequired: false, loginAllowed: true, protection: DEFAULT_PROTECTION, now }),
      );
      await tx.loginProfiles.addPasswordHistory(root.id, hash, now);
      await tx.accessKeys.create({
        id: accessKeyId,
        userId: root.id,
        accountId: account.id,
        sealedSecret: secretBox.seal(secret),
        status: 'active',
        createdAt: now,
        updatedAt: now,
        lastUsedAt: null,
        lastUsedService: null,
        lastUsedRegion: null,
      });
      await tx.groups.create(admins);
      // Huawei v3: the admin group holds Security Administrator rights, now as a system policy
      await tx.policies.attach({ policyId: ADMIN_GROUP_POLICY, target: { type: 'group', id: admins.id }, accountId: account.id, attachedAt: now });
    });
    return { account, root, password: chosen, accessKeyId, secret: new SecretAccessKey(secret) };
  }

  findByName(name: string): Promise<Account | undefined> {
    return this.deps.store.accounts.findByName(name);
  }

  findById(id: string): Promise<Account | undefined> {
    return this.deps.store.accounts.findById(id);
  }

  count(): Promise<number> {
    return this.deps.store.accounts.count();
  }
}
