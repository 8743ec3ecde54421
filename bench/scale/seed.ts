/**
 * Issue #17 item 3: seeds N users into a polyiam database in minutes, through the store
 * (`store/bulk-load.ts`: the repositories' own row mappers, multi-row INSERTs, 10,000 users a
 * transaction), not one API call each. What the API makes cheaply is made through the API: the account
 * (root user, root key, admin group) and the custom managed policies (`services.policies.create`).
 *
 * Proportions per user `i` (name `u0000000`..., zero-padded so keyset order is index order):
 * - a login profile for every other user, its argon2id hash one of `PASSWORDS.length` PHC strings hashed
 *   once with the server's own hasher and parameters (verifying one costs what verifying any costs);
 * - one access key each (secret sealed with the data dir's SecretBox, as CreateAccessKey seals it), a
 *   second, inactive one for every tenth user;
 * - two tags for every fifth user; membership in 2 of `max(10, N/100)` groups;
 * - `20 + N/10,000` custom managed policies; each group holds 3 of them (every tenth group also the
 *   IAMReadOnlyAccess system policy); every tenth user one directly attached.
 * Plus `decider`: a user in 10 groups with 2 direct attachments (the policy-decision case's caller).
 */
import { randomInt } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import pino from 'pino';
import { createPolyiam } from '../../src/app/polyiam.js';
import type { Config } from '../../src/config/config.js';
import type { AccessKey } from '../../src/core/access-keys/access-key.js';
import { DEFAULT_PROTECTION, newLoginProfile, type LoginProfile } from '../../src/core/login-profiles/login-profile.js';
import type { PolicyAttachment } from '../../src/core/policies/policy.js';
import { SystemPolicyIds } from '../../src/core/policies/system-policies.js';
import { systemContext } from '../../src/core/principal.js';
import { PlainPassword } from '../../src/core/secrets.js';
import type { Group } from '../../src/core/users/group.js';
import type { Tag, User } from '../../src/core/users/user.js';
import { Argon2idHasher } from '../../src/crypto/argon2id-hasher.js';
import { RandomIdGenerator } from '../../src/crypto/ids.js';
import { loadMasterKeys } from '../../src/crypto/master-key.js';
import { AesGcmSecretBox } from '../../src/crypto/secret-box.js';
import { BulkLoad } from '../../src/store/bulk-load.js';
import type { Database } from '../../src/store/schema.js';

export const PASSWORDS = ['Scale#Passw0rd-1', 'Scale#Passw0rd-2', 'Scale#Passw0rd-3', 'Scale#Passw0rd-4'];
const USERS_PER_TRANSACTION = 10_000;
/** how many seeded keys (with their secrets) and sign-in users the manifest names for the load */
const SAMPLE = 1_000;
export const DECIDER = 'decider';

export const userName = (i: number): string => `u${String(i).padStart(7, '0')}`;

export interface SeededKey {
  userName: string;
  accessKeyId: string;
  secret: string;
}

export interface SeedManifest {
  users: number;
  engine: 'sqlite' | 'postgres';
  seconds: number;
  rows: Record<string, number>;
  account: { id: string; name: string; awsAccountId: string };
  root: SeededKey & { userId: string; password: string };
  /** seeded users' active keys, drawn at random over the whole range */
  keys: SeededKey[];
  /** seeded users with a login profile, and their passwords */
  signIns: Array<{ userName: string; password: string }>;
  decider: SeededKey & { groups: number; policies: number };
}

/** The database `config` names (a fresh data dir or an empty PostgreSQL database), seeded with `users` users. */
export async function seed(config: Config, users: number, log: (line: string) => void = () => undefined): Promise<SeedManifest> {
  const started = performance.now();
  const polyiam = await createPolyiam(config, { logger: pino({ level: 'silent' }) });
  try {
    const { services, store } = polyiam;
    const ids = new RandomIdGenerator();
    const created = await services.accounts.create(`scale${users}`);
    const account = (await services.accounts.findById(created.account.id))!;
    const root = systemContext(account.id, created.root.id, created.root.name);
    const box = new AesGcmSecretBox(loadMasterKeys(config.masterKey, config.databaseUrl ? undefined : config.dataDir));
    const hasher = new Argon2idHasher();
    const hashes = await Promise.all(PASSWORDS.map((p) => hasher.hash(new PlainPassword(p))));

    const policyCount = 20 + Math.floor(users / 10_000);
    const policyIds: string[] = [];
    for (let k = 0; k < policyCount; k++) {
      const { policy } = await services.policies.create(root, { name: `scale-policy-${k}`, syntax: 'aws', document: policyDocument(k, account.awsAccountId) });
      policyIds.push(policy.id);
    }
    const now = Date.now();
    const groupCount = Math.max(10, Math.floor(users / 100));
    const groups: Group[] = Array.from({ length: groupCount }, (_, g) => ({
      id: ids.hexId(), accountId: account.id, name: `g${String(g).padStart(5, '0')}`, path: '/scale/', description: `scale group ${g}`,
      awsId: ids.awsUserId().replace(/^AIDA/, 'AGPA'), numericId: ids.numericId(), createdAt: now, updatedAt: now,
    }));
    const groupAttachments: PolicyAttachment[] = groups.flatMap((group, g) => [
      ...[0, 1, 2].map((j) => ({ policyId: policyIds[(g + j) % policyCount]!, target: { type: 'group' as const, id: group.id }, accountId: account.id, attachedAt: now })),
      ...(g % 10 === 0 ? [{ policyId: SystemPolicyIds.iamReadOnlyAccess, target: { type: 'group' as const, id: group.id }, accountId: account.id, attachedAt: now }] : []),
    ]);
    const db = store.db;
    if (store.engine === 'sqlite') {
      // seeding only (the server opens the file with its own settings): a page cache (256 MB) that holds
      // the random-keyed indexes (ids, AWS ids, numeric ids) as they grow. No fsync per transaction
      // either: under group commit (store/group-commit.ts) nothing waits for a flush here.
      await sql`pragma cache_size = -262144`.execute(db);
    }
    await db.transaction().execute(async (trx) => {
      const bulk = new BulkLoad(trx);
      await bulk.groups(groups);
      await bulk.attachments(groupAttachments);
    });
    const rows: Record<string, number> = { users: 0, login_profiles: 0, access_keys: 0, user_tags: 0, groups: groupCount, group_members: 0, policies: policyCount, user_policy_attachments: 0, group_policy_attachments: groupAttachments.length };
    const numericIds = new Set((await db.selectFrom('users').select('numeric_id').execute()).map((r) => Number(r.numeric_id)));
    const uniqueNumericId = () => {
      let id = ids.numericId();
      while (numericIds.has(id)) id = ids.numericId();
      numericIds.add(id);
      return id;
    };
    const sampled = new Set(Array.from({ length: Math.min(SAMPLE, users) }, () => randomInt(users)));
    const keys: SeededKey[] = [];
    const signIns: SeedManifest['signIns'] = [];
    for (let from = 0; from < users; from += USERS_PER_TRANSACTION) {
      const to = Math.min(users, from + USERS_PER_TRANSACTION);
      const chunk = { users: [] as User[], tags: [] as Array<{ userId: string; tag: Tag }>, profiles: [] as LoginProfile[], keys: [] as AccessKey[], members: [] as Array<{ groupId: string; userId: string; at: number }>, attachments: [] as PolicyAttachment[] };
      for (let i = from; i < to; i++) {
        const user = newUser(ids, account.id, userName(i), uniqueNumericId(), now);
        chunk.users.push(user);
        if (i % 5 === 0) chunk.tags.push({ userId: user.id, tag: { key: 'team', value: ['dev', 'ops', 'sec', 'data'][i % 4]! } }, { userId: user.id, tag: { key: 'cost-center', value: `cc-${i % 97}` } });
        if (i % 2 === 0) {
          chunk.profiles.push(newLoginProfile({ userId: user.id, accountId: account.id, passwordHash: hashes[i % hashes.length]!, passwordResetRequired: false, loginAllowed: true, protection: DEFAULT_PROTECTION, now }));
          if (sampled.has(i)) signIns.push({ userName: user.name, password: PASSWORDS[i % PASSWORDS.length]! });
        }
        const secret = ids.secretAccessKey();
        chunk.keys.push(newKey(ids.accessKeyId(), user, box.seal(secret), 'active', now));
        if (sampled.has(i)) keys.push({ userName: user.name, accessKeyId: chunk.keys[chunk.keys.length - 1]!.id, secret });
        if (i % 10 === 0) chunk.keys.push(newKey(ids.accessKeyId(), user, box.seal(ids.secretAccessKey()), 'inactive', now));
        for (const g of new Set([i % groupCount, (i * 7 + 3) % groupCount])) chunk.members.push({ groupId: groups[g]!.id, userId: user.id, at: now });
        if (i % 10 === 0) chunk.attachments.push({ policyId: policyIds[i % policyCount]!, target: { type: 'user', id: user.id }, accountId: account.id, attachedAt: now });
      }
      await db.transaction().execute(async (trx) => {
        const bulk = new BulkLoad(trx);
        await bulk.users(chunk.users);
        await bulk.userTags(chunk.tags);
        await bulk.loginProfiles(chunk.profiles);
        await bulk.accessKeys(chunk.keys);
        await bulk.memberships(chunk.members);
        await bulk.attachments(chunk.attachments);
      });
      rows.users! += chunk.users.length;
      rows.user_tags! += chunk.tags.length;
      rows.login_profiles! += chunk.profiles.length;
      rows.access_keys! += chunk.keys.length;
      rows.group_members! += chunk.members.length;
      rows.user_policy_attachments! += chunk.attachments.length;
      if (to % 100_000 === 0 || to === users || process.env.SCALE_SEED_VERBOSE) log(`  seeded ${to.toLocaleString('en')} users (${((performance.now() - started) / 1000).toFixed(1)} s)`);
    }
    const decider = await seedDecider(db, ids, box, account.id, groups.slice(0, 10), policyIds.slice(0, 2), uniqueNumericId(), now);
    if (store.engine === 'sqlite') {
      await sql`analyze`.execute(db);
    } else {
      await sql`analyze`.execute(db);
    }
    return {
      users, engine: store.engine, seconds: (performance.now() - started) / 1000, rows,
      account: { id: account.id, name: account.name, awsAccountId: account.awsAccountId },
      root: { userId: created.root.id, userName: created.root.name, password: created.password.reveal(), accessKeyId: created.accessKeyId, secret: created.secret.reveal() },
      keys, signIns,
      decider: { ...decider, groups: 10, policies: 10 * 3 + 2 + 1 },
    };
  } finally {
    await polyiam.close();
  }
}

/** The policy-decision caller: 10 groups (3 policies each, the first also IAMReadOnlyAccess) and 2 direct attachments. */
async function seedDecider(db: Kysely<Database>, ids: RandomIdGenerator, box: AesGcmSecretBox, accountId: string, groups: Group[], direct: string[], numericId: number, now: number): Promise<SeededKey> {
  const user = newUser(ids, accountId, DECIDER, numericId, now);
  const secret = ids.secretAccessKey();
  const key = newKey(ids.accessKeyId(), user, box.seal(secret), 'active', now);
  await db.transaction().execute(async (trx) => {
    const bulk = new BulkLoad(trx);
    await bulk.users([user]);
    await bulk.userTags([{ userId: user.id, tag: { key: 'team', value: 'dev' } }]);
    await bulk.accessKeys([key]);
    await bulk.memberships(groups.map((g) => ({ groupId: g.id, userId: user.id, at: now })));
    await bulk.attachments(direct.map((policyId) => ({ policyId, target: { type: 'user', id: user.id }, accountId, attachedAt: now })));
  });
  return { userName: user.name, accessKeyId: key.id, secret };
}

/** a user as UsersService.create makes it */
function newUser(ids: RandomIdGenerator, accountId: string, name: string, numericId: number, now: number): User {
  return {
    id: ids.hexId(), accountId, name, path: '/', description: '', displayName: '', email: '', phone: '', enabled: true, isRoot: false,
    awsId: ids.awsUserId(), numericId, createdAt: now, updatedAt: now, passwordLastUsedAt: null, permissionsBoundaryId: null,
  };
}

/** a key as AccessKeysService.create makes it */
function newKey(id: string, user: User, sealedSecret: string, status: 'active' | 'inactive', now: number): AccessKey {
  return { id, userId: user.id, accountId: user.accountId, sealedSecret, status, createdAt: now, updatedAt: now, lastUsedAt: null, lastUsedService: null, lastUsedRegion: null };
}

/**
 * Policy k: reads of users and their keys allowed account-wide (so every seeded user may read itself and
 * others: the signed-read and decision cases), writes allowed under a per-policy name prefix with a tag
 * condition, and a conditional Deny that never holds from loopback, so each decision weighs a deny.
 */
function policyDocument(k: number, awsAccountId: string): string {
  const user = (suffix: string) => `arn:aws:iam::${awsAccountId}:user/${suffix}`;
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      { Sid: 'Read', Effect: 'Allow', Action: ['iam:GetUser', 'iam:ListUsers', 'iam:ListAccessKeys', 'iam:GetLoginProfile', 'iam:ListGroupsForUser'], Resource: user('*') },
      { Sid: 'Write', Effect: 'Allow', Action: ['iam:UpdateUser', 'iam:TagUser', 'iam:CreateAccessKey'], Resource: user(`u${k % 10}*`), Condition: { StringEquals: { 'aws:PrincipalTag/team': ['dev', 'ops'][k % 2] } } },
      { Sid: 'NotFromOutside', Effect: 'Deny', Action: 'iam:*', Resource: '*', Condition: { NotIpAddress: { 'aws:SourceIp': ['127.0.0.0/8', '10.0.0.0/8', '::1/128'] } } },
    ],
  });
}
