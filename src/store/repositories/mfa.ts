import { sql, type CompiledQuery, type Kysely, type Selectable } from 'kysely';
import type { LoginPolicySettings } from '../../core/login-protection/login-policy.js';
import type { AssignmentStatus, MfaDevice } from '../../core/mfa/mfa-device.js';
import type { MfaDeviceRepository, MfaStore, OperationProtection, SecondFactorMethod, SignInChallenge, SignInChallengeRepository } from '../../core/mfa/ports.js';
import type { ProtectionMethod } from '../../core/login-profiles/login-profile.js';
import type { Tag } from '../../core/users/user.js';
import { translateUnique } from '../errors.js';
import type { Database } from '../schema.js';
import type { MfaDatabase, MfaDevicesTable, SignInChallengesTable } from '../mfa-schema.js';

/** stand-ins compiled into `acceptStep`'s query, replaced by the values on each run */
const STEP_MARK = '\u0000accept-step';
const ID_MARK = '\u0000accept-id';

const n = (v: number | string | bigint | null): number | null => (v === null ? null : Number(v));

export class KyselyMfaDeviceRepository implements MfaDeviceRepository {
  constructor(private readonly db: Kysely<MfaDatabase>) {}

  async create(device: MfaDevice): Promise<void> {
    await translateUnique('mfa-device', device.name, () =>
      this.db
        .insertInto('mfa_devices')
        .values({
          id: device.id,
          account_id: device.accountId,
          name: device.name,
          name_lower: device.name.toLowerCase(),
          path: device.path,
          intended_user_id: device.intendedUserId,
          user_id: device.userId,
          sealed_seed: device.sealedSeed,
          enabled_at: device.enabledAt,
          last_step: device.lastAcceptedStep,
          created_at: device.createdAt,
        })
        .execute(),
    );
  }

  async findById(accountId: string, id: string): Promise<MfaDevice | undefined> {
    const row = await this.db.selectFrom('mfa_devices').selectAll().where('id', '=', id).where('account_id', '=', accountId).executeTakeFirst();
    return row && toDevice(row);
  }

  async findByName(accountId: string, name: string): Promise<MfaDevice | undefined> {
    const row = await this.db.selectFrom('mfa_devices').selectAll().where('account_id', '=', accountId).where('name_lower', '=', name.toLowerCase()).executeTakeFirst();
    return row && toDevice(row);
  }

  async findEnabledForUser(userId: string): Promise<MfaDevice | undefined> {
    const row = await this.db.selectFrom('mfa_devices').selectAll().where('user_id', '=', userId).executeTakeFirst();
    return row && toDevice(row);
  }

  async listForUser(userId: string): Promise<MfaDevice[]> {
    const rows = await this.db
      .selectFrom('mfa_devices')
      .selectAll()
      .where((eb) => eb.or([eb('user_id', '=', userId), eb('intended_user_id', '=', userId)]))
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    return rows.map(toDevice);
  }

  async list(accountId: string, status: AssignmentStatus): Promise<MfaDevice[]> {
    let query = this.db.selectFrom('mfa_devices').selectAll().where('account_id', '=', accountId);
    if (status === 'assigned') query = query.where('user_id', 'is not', null);
    if (status === 'unassigned') query = query.where('user_id', 'is', null);
    const rows = await query.orderBy('name_lower').execute();
    return rows.map(toDevice);
  }

  async enable(id: string, userId: string, step: number, at: number): Promise<boolean> {
    const result = await translateUnique('mfa-device', userId, () =>
      this.db
        .updateTable('mfa_devices')
        .set({ user_id: userId, enabled_at: at, last_step: step })
        .where('id', '=', id)
        .where('user_id', 'is', null)
        .executeTakeFirst(),
    );
    return Number(result.numUpdatedRows) > 0;
  }

  /**
   * Every TOTP check that passes runs this (issue #11: ≥ 20,000 a second on SQLite), so it is compiled
   * once, with markers where the values go, and run with them swapped in: building the Kysely query on
   * each call was a quarter of a check's cost.
   */
  private acceptStepQuery: CompiledQuery | undefined;

  async acceptStep(id: string, step: number): Promise<boolean> {
    const query = (this.acceptStepQuery ??= this.acceptStepQueryWith(STEP_MARK, ID_MARK));
    const parameters = query.parameters.map((value) => (value === STEP_MARK ? step : value === ID_MARK ? id : value));
    const result = await this.db.executeQuery({ ...query, parameters });
    return Number(result.numAffectedRows ?? 0) > 0;
  }

  private acceptStepQueryWith(step: number | string, id: string): CompiledQuery {
    return this.db
      .updateTable('mfa_devices')
      .set({ last_step: step as number })
      .where('id', '=', id)
      .where('user_id', 'is not', null)
      .where((eb) => eb.or([eb('last_step', 'is', null), eb('last_step', '<', step as number)]))
      .compile();
  }

  async resync(id: string, step: number, previous: number | null): Promise<boolean> {
    // conditional on the step read before: a resync racing a sign-in or another resync changes the row once
    const result = await this.db
      .updateTable('mfa_devices')
      .set({ last_step: step })
      .where('id', '=', id)
      .where('user_id', 'is not', null)
      .where((eb) => (previous === null ? eb('last_step', 'is', null) : eb('last_step', '=', previous)))
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  async deactivate(id: string, userId: string): Promise<boolean> {
    // last_step is kept: a code accepted before stays spent if the device is enabled again
    const result = await this.db.updateTable('mfa_devices').set({ user_id: null, enabled_at: null }).where('id', '=', id).where('user_id', '=', userId).executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  async delete(id: string): Promise<boolean> {
    await this.db.deleteFrom('mfa_device_tags').where('device_id', '=', id).where(({ exists, selectFrom }) => exists(selectFrom('mfa_devices').select('id').where('id', '=', id).where('user_id', 'is', null))).execute();
    const result = await this.db.deleteFrom('mfa_devices').where('id', '=', id).where('user_id', 'is', null).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  async listTags(id: string): Promise<Tag[]> {
    const rows = await this.db.selectFrom('mfa_device_tags').select(['tag_key', 'tag_value']).where('device_id', '=', id).orderBy('key_lower').execute();
    return rows.map((r) => ({ key: r.tag_key, value: r.tag_value }));
  }

  async putTags(id: string, tags: Tag[]): Promise<void> {
    for (const tag of tags) {
      const values = { device_id: id, tag_key: tag.key, key_lower: tag.key.toLowerCase(), tag_value: tag.value };
      await this.db
        .insertInto('mfa_device_tags')
        .values(values)
        .onConflict((oc) => oc.columns(['device_id', 'key_lower']).doUpdateSet({ tag_key: values.tag_key, tag_value: values.tag_value }))
        .execute();
    }
  }

  async removeTags(id: string, keys: string[]): Promise<void> {
    if (keys.length === 0) return;
    await this.db.deleteFrom('mfa_device_tags').where('device_id', '=', id).where('key_lower', 'in', keys.map((k) => k.toLowerCase())).execute();
  }
}

function toDevice(row: Selectable<MfaDevicesTable>): MfaDevice {
  return {
    id: row.id,
    accountId: row.account_id,
    name: row.name,
    path: row.path,
    intendedUserId: row.intended_user_id,
    userId: row.user_id,
    sealedSeed: row.sealed_seed,
    enabledAt: n(row.enabled_at),
    lastAcceptedStep: n(row.last_step),
    createdAt: Number(row.created_at),
  };
}

export class KyselySignInChallengeRepository implements SignInChallengeRepository {
  constructor(private readonly db: Kysely<MfaDatabase>) {}

  async create(c: SignInChallenge): Promise<void> {
    // challenges that ended long ago go with each new one, so the table stays small without a sweeper
    await this.db.deleteFrom('sign_in_challenges').where('expires_at', '<', c.createdAt - 3_600_000).execute();
    await this.db
      .insertInto('sign_in_challenges')
      .values({
        id: c.id,
        account_id: c.accountId,
        user_id: c.userId,
        source_ip: c.sourceIp,
        method: c.method,
        password_ok: c.passwordOk ? 1 : 0,
        failures: c.failures,
        code_hash: c.codeHash,
        code_expires_at: c.codeExpiresAt,
        expires_at: c.expiresAt,
        completed_at: c.completedAt,
        created_at: c.createdAt,
      })
      .execute();
  }

  async find(id: string): Promise<SignInChallenge | undefined> {
    const row = await this.db.selectFrom('sign_in_challenges').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toChallenge(row);
  }

  async recordWrongCode(id: string, maxFailures: number): Promise<number | null> {
    const row = await this.db
      .updateTable('sign_in_challenges')
      .set({ failures: sql`failures + 1` })
      .where('id', '=', id)
      .where('failures', '<', maxFailures)
      .where('completed_at', 'is', null)
      .returning('failures')
      .executeTakeFirst();
    return row ? Number(row.failures) : null;
  }

  async complete(id: string, at: number, maxFailures: number): Promise<boolean> {
    const result = await this.db
      .updateTable('sign_in_challenges')
      .set({ completed_at: at })
      .where('id', '=', id)
      .where('completed_at', 'is', null)
      .where('failures', '<', maxFailures)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  async setCode(id: string, codeHash: string, codeExpiresAt: number): Promise<void> {
    await this.db.updateTable('sign_in_challenges').set({ code_hash: codeHash, code_expires_at: codeExpiresAt }).where('id', '=', id).execute();
  }
}

function toChallenge(row: Selectable<SignInChallengesTable>): SignInChallenge {
  return {
    id: row.id,
    accountId: row.account_id,
    userId: row.user_id,
    sourceIp: row.source_ip,
    method: row.method as SecondFactorMethod,
    passwordOk: Number(row.password_ok) === 1,
    failures: Number(row.failures),
    codeHash: row.code_hash,
    codeExpiresAt: n(row.code_expires_at),
    expiresAt: Number(row.expires_at),
    completedAt: n(row.completed_at),
    createdAt: Number(row.created_at),
  };
}

/** The `MfaStore` over one Kysely instance, whatever the engine. */
export class KyselyMfaStore implements MfaStore {
  private readonly db: Kysely<MfaDatabase>;
  readonly devices: KyselyMfaDeviceRepository;
  readonly challenges: KyselySignInChallengeRepository;

  constructor(db: Kysely<Database>) {
    // the same connection, seen with the tables of migration 0008 too
    this.db = db as unknown as Kysely<MfaDatabase>;
    this.devices = new KyselyMfaDeviceRepository(this.db);
    this.challenges = new KyselySignInChallengeRepository(this.db);
  }

  async claimSend(userId: string, channel: 'sms' | 'email', now: number, intervalMs: number): Promise<{ claimed: boolean; lastSentAt: number }> {
    const row = await this.db
      .insertInto('code_sends')
      .values({ user_id: userId, channel, last_sent_at: now })
      .onConflict((oc) => oc.columns(['user_id', 'channel']).doUpdateSet({ last_sent_at: now }).where('code_sends.last_sent_at', '<=', now - intervalMs))
      .returning('last_sent_at')
      .executeTakeFirst();
    if (row) return { claimed: true, lastSentAt: now };
    const current = await this.db.selectFrom('code_sends').select('last_sent_at').where('user_id', '=', userId).where('channel', '=', channel).executeTakeFirst();
    return { claimed: false, lastSentAt: Number(current?.last_sent_at ?? now) };
  }

  async releaseSend(userId: string, channel: 'sms' | 'email', sentAt: number): Promise<void> {
    await this.db.deleteFrom('code_sends').where('user_id', '=', userId).where('channel', '=', channel).where('last_sent_at', '=', sentAt).execute();
  }

  async findOperationProtection(userId: string): Promise<OperationProtection | undefined> {
    const row = await this.db.selectFrom('operation_protections').selectAll().where('user_id', '=', userId).executeTakeFirst();
    if (!row) return undefined;
    return { enabled: Number(row.enabled) === 1, methods: row.methods ? (row.methods.split(',') as ProtectionMethod[]) : [], exemptMinutes: Number(row.exempt_minutes) };
  }

  async putOperationProtection(userId: string, p: OperationProtection, at: number): Promise<void> {
    const values = { user_id: userId, enabled: p.enabled ? 1 : 0, methods: p.methods.join(','), exempt_minutes: p.exemptMinutes, updated_at: at };
    await this.db
      .insertInto('operation_protections')
      .values(values)
      .onConflict((oc) => oc.column('user_id').doUpdateSet({ enabled: values.enabled, methods: values.methods, exempt_minutes: values.exempt_minutes, updated_at: at }))
      .execute();
  }

  async trustDevice(userId: string, deviceHash: string, expiresAt: number): Promise<void> {
    await this.db
      .insertInto('trusted_devices')
      .values({ user_id: userId, device_hash: deviceHash, expires_at: expiresAt })
      .onConflict((oc) => oc.columns(['user_id', 'device_hash']).doUpdateSet({ expires_at: expiresAt }))
      .execute();
  }

  async isTrusted(userId: string, deviceHash: string, now: number): Promise<boolean> {
    const row = await this.db.selectFrom('trusted_devices').select('expires_at').where('user_id', '=', userId).where('device_hash', '=', deviceHash).executeTakeFirst();
    return row !== undefined && Number(row.expires_at) > now;
  }

  async findLoginPolicy(accountId: string): Promise<Partial<LoginPolicySettings> | undefined> {
    const row = await this.db.selectFrom('login_policies').select('settings').where('account_id', '=', accountId).executeTakeFirst();
    return row ? (JSON.parse(row.settings) as Partial<LoginPolicySettings>) : undefined;
  }

  async putLoginPolicy(accountId: string, settings: LoginPolicySettings, at: number): Promise<void> {
    const values = { account_id: accountId, settings: JSON.stringify(settings), updated_at: at };
    await this.db
      .insertInto('login_policies')
      .values(values)
      .onConflict((oc) => oc.column('account_id').doUpdateSet({ settings: values.settings, updated_at: at }))
      .execute();
  }

  async recordFailedSignIn(userId: string, threshold: number, lockedUntil: number, now: number, windowMs: number): Promise<{ failedAttempts: number; lockedUntil: number | null }> {
    const fresh = sql<boolean>`(first_failed_at is null or first_failed_at <= ${now - windowMs} or failed_attempts = 0)`;
    const next = sql<number>`case when ${fresh} then 1 else failed_attempts + 1 end`;
    const row = await this.db
      .updateTable('login_profiles')
      .set({
        failed_attempts: next,
        first_failed_at: sql`case when ${fresh} then ${now} else first_failed_at end`,
        locked_until: threshold > 0 ? sql`case when ${next} >= ${threshold} then ${lockedUntil} else locked_until end` : sql`locked_until`,
      })
      .where('user_id', '=', userId)
      .returning(['failed_attempts', 'locked_until'])
      .executeTakeFirst();
    if (!row) return { failedAttempts: 0, lockedUntil: null };
    return { failedAttempts: Number(row.failed_attempts), lockedUntil: n(row.locked_until) };
  }
}
