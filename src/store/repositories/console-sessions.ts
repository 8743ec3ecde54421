import { sql, type Kysely, type Selectable } from 'kysely';
import type { ConsoleSession, SessionStage, SignInAttempt, SignInChallenge } from '../../core/sessions/console-session.js';
import type { ConsoleSessionRepository, SignInAttemptRepository } from '../../core/sessions/ports.js';
import type { Database } from '../schema.js';

/** Tables of migration 0013; kept beside their repositories so `schema.ts` needs no edit to add them. */
export type ConsoleTables = {
  console_sessions: {
    id_hash: string;
    account_id: string;
    user_id: string;
    stage: string;
    csrf_token: string;
    password_changed_at: number;
    created_at: number;
    last_seen_at: number;
    idle_timeout_ms: number;
    expires_at: number;
    mfa_authenticated: number;
    challenge: string | null;
    source_ip: string | null;
    user_agent: string | null;
    previous_login_at: number | null;
    previous_login_ip: string | null;
  };
  console_sign_ins: {
    id: string;
    at: number;
    account_id: string | null;
    user_name: string;
    user_id: string | null;
    outcome: string;
    source_ip: string | null;
    user_agent: string | null;
  };
};

type ConsoleDb = Kysely<Database & ConsoleTables>;

/** attempts that count toward the limits: a right password never holds anyone back */
const FAILED_OUTCOMES = ['bad-credentials', 'locked', 'throttled'];
type SessionRow = ConsoleTables['console_sessions'];

export class KyselyConsoleSessionRepository implements ConsoleSessionRepository {
  private readonly db: ConsoleDb;

  constructor(db: Kysely<Database>) {
    this.db = db.withTables<ConsoleTables>();
  }

  async create(session: ConsoleSession): Promise<void> {
    await this.db.insertInto('console_sessions').values(toRow(session)).execute();
  }

  async find(idHash: string): Promise<ConsoleSession | undefined> {
    const row = await this.db.selectFrom('console_sessions').selectAll().where('id_hash', '=', idHash).executeTakeFirst();
    return row && toSession(row);
  }

  async touch(idHash: string, at: number): Promise<void> {
    await this.db.updateTable('console_sessions').set({ last_seen_at: at }).where('id_hash', '=', idHash).execute();
  }

  replace(oldIdHash: string, next: ConsoleSession): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      const deleted = await trx.deleteFrom('console_sessions').where('id_hash', '=', oldIdHash).executeTakeFirst();
      if (Number(deleted.numDeletedRows) === 0) return false;
      await trx.insertInto('console_sessions').values(toRow(next)).execute();
      return true;
    });
  }

  async delete(idHash: string): Promise<void> {
    await this.db.deleteFrom('console_sessions').where('id_hash', '=', idHash).execute();
  }

  async deleteForUser(userId: string): Promise<number> {
    const result = await this.db.deleteFrom('console_sessions').where('user_id', '=', userId).executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  async purgeExpired(now: number): Promise<number> {
    const result = await this.db.deleteFrom('console_sessions').where('expires_at', '<=', now).executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}

export class KyselySignInAttemptRepository implements SignInAttemptRepository {
  private readonly db: ConsoleDb;

  constructor(db: Kysely<Database>) {
    this.db = db.withTables<ConsoleTables>();
  }

  async add(a: SignInAttempt): Promise<void> {
    await this.db
      .insertInto('console_sign_ins')
      .values({ id: a.id, at: a.at, account_id: a.accountId, user_name: a.userKey, user_id: a.userId, outcome: a.outcome, source_ip: a.sourceIp, user_agent: a.userAgent })
      .execute();
  }

  async countFailures(since: number, sourceIp: string | null, userKey: string): Promise<{ bySourceIp: number; byUser: number }> {
    // one statement for both limits: each arm of the OR is an index range ((source_ip, at), (user_name, at))
    const row = await this.db
      .selectFrom('console_sign_ins')
      .select([
        sql<number>`coalesce(sum(case when source_ip = ${sourceIp} then 1 else 0 end), 0)`.as('by_ip'),
        sql<number>`coalesce(sum(case when user_name = ${userKey} then 1 else 0 end), 0)`.as('by_user'),
      ])
      .where((eb) => eb.or([eb.and([eb('source_ip', '=', sourceIp), eb('at', '>=', since)]), eb.and([eb('user_name', '=', userKey), eb('at', '>=', since)])]))
      .where('outcome', 'in', FAILED_OUTCOMES)
      .executeTakeFirst();
    return { bySourceIp: Number(row?.by_ip ?? 0), byUser: Number(row?.by_user ?? 0) };
  }

  async purgeBefore(before: number): Promise<number> {
    const result = await this.db.deleteFrom('console_sign_ins').where('at', '<', before).executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}

function toRow(s: ConsoleSession): SessionRow {
  return {
    id_hash: s.idHash,
    account_id: s.accountId,
    user_id: s.userId,
    stage: s.stage,
    csrf_token: s.csrfToken,
    password_changed_at: s.passwordChangedAt,
    created_at: s.createdAt,
    last_seen_at: s.lastSeenAt,
    idle_timeout_ms: s.idleTimeoutMs,
    expires_at: s.expiresAt,
    mfa_authenticated: s.mfaAuthenticated ? 1 : 0,
    challenge: s.challenge ? JSON.stringify(s.challenge) : null,
    source_ip: s.sourceIp,
    user_agent: s.userAgent,
    previous_login_at: s.previousLoginAt,
    previous_login_ip: s.previousLoginIp,
  };
}

// PostgreSQL returns bigint columns as strings: every time goes through Number()
function toSession(r: Selectable<SessionRow>): ConsoleSession {
  return {
    idHash: r.id_hash,
    accountId: r.account_id,
    userId: r.user_id,
    stage: r.stage as SessionStage,
    csrfToken: r.csrf_token,
    passwordChangedAt: Number(r.password_changed_at),
    createdAt: Number(r.created_at),
    lastSeenAt: Number(r.last_seen_at),
    idleTimeoutMs: Number(r.idle_timeout_ms),
    expiresAt: Number(r.expires_at),
    mfaAuthenticated: Number(r.mfa_authenticated) === 1,
    challenge: r.challenge === null ? null : (JSON.parse(r.challenge) as SignInChallenge),
    sourceIp: r.source_ip,
    userAgent: r.user_agent,
    previousLoginAt: r.previous_login_at === null ? null : Number(r.previous_login_at),
    previousLoginIp: r.previous_login_ip,
  };
}
