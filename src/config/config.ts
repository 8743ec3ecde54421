/** Typed configuration from flags and environment. Flags win over the environment. */
export interface Config {
  host: string;
  port: number;
  dataDir: string;
  /** PostgreSQL when set; otherwise SQLite in `dataDir` */
  databaseUrl: string | undefined;
  /** comma-separated base64/hex 32-byte keys, newest first */
  masterKey: string | undefined;
  logLevel: string;
  /** one log line per request (off by default: it costs more than a signed read itself) */
  accessLog: boolean;
  /** largest request body accepted, in bytes (413 past it) */
  bodyLimit: number;
  /** enables the movable clock and test-only endpoints; never in production */
  testMode: boolean;
  /** SQLite file name inside dataDir, or `:memory:` */
  sqliteFile: string;
  /** login-protection codes by email: an SMTP URL (`smtp://user:pass@host:587`, `smtps://...`) */
  smtpUrl?: string | undefined;
  /** the From of those emails */
  smtpFrom?: string | undefined;
  /** login-protection codes by SMS: a webhook that receives a JSON POST `{to, text}` */
  smsWebhookUrl?: string | undefined;
  /** when set, the webhook call carries an HMAC-SHA256 signature under it */
  smsWebhookSecret?: string | undefined;
  /** test mode: the outbox stands in for a channel with no sender (on by default; `POLYIAM_TEST_OUTBOX=0` turns it off) */
  testOutboxStandIn?: boolean;
}

export interface ConfigOverrides {
  host?: string;
  port?: number;
  dataDir?: string;
  databaseUrl?: string;
}

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv, overrides: ConfigOverrides = {}): Config {
  const port = overrides.port ?? parsePort(env.POLYIAM_PORT ?? '8600');
  return {
    host: overrides.host ?? env.POLYIAM_HOST ?? '127.0.0.1',
    port,
    dataDir: overrides.dataDir ?? env.POLYIAM_DATA_DIR ?? './data',
    databaseUrl: overrides.databaseUrl ?? (env.POLYIAM_DATABASE_URL || undefined),
    masterKey: env.POLYIAM_MASTER_KEY || undefined,
    logLevel: env.POLYIAM_LOG_LEVEL ?? 'info',
    accessLog: env.POLYIAM_ACCESS_LOG === '1' || env.POLYIAM_ACCESS_LOG === 'true',
    bodyLimit: parseInteger('POLYIAM_BODY_LIMIT', env.POLYIAM_BODY_LIMIT ?? String(256 * 1024)),
    testMode: env.POLYIAM_TEST_MODE === '1' || env.POLYIAM_TEST_MODE === 'true',
    sqliteFile: env.POLYIAM_SQLITE_FILE ?? 'polyiam.sqlite',
    smtpUrl: env.POLYIAM_SMTP_URL || undefined,
    smtpFrom: env.POLYIAM_SMTP_FROM || undefined,
    smsWebhookUrl: env.POLYIAM_SMS_WEBHOOK_URL || undefined,
    smsWebhookSecret: env.POLYIAM_SMS_WEBHOOK_SECRET || undefined,
    testOutboxStandIn: env.POLYIAM_TEST_OUTBOX !== '0',
  };
}

export function parsePort(text: string): number {
  const port = parseInteger('port', text);
  if (port < 0 || port > 65535) throw new ConfigError(`port \`${text}\` is out of range`);
  return port;
}

function parseInteger(name: string, text: string): number {
  if (!/^\d+$/.test(text)) throw new ConfigError(`${name} \`${text}\` is not a whole number`);
  return Number(text);
}
