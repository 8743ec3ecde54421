import { isIP } from 'node:net';

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
  /** PEM certificate and key files: HTTPS when both are set, plain HTTP when neither */
  tls: { certFile: string; keyFile: string } | undefined;
  /**
   * The proxies whose `X-Forwarded-For` / `X-Forwarded-Proto` are believed (Fastify `trustProxy`: IPs,
   * CIDRs, or proxy-addr's `loopback`, `linklocal`, `uniquelocal`). Off by default: a client could
   * otherwise name any source IP and satisfy an `IpAddress` condition.
   */
  trustProxy: false | string[];
  /** POLYIAM_AUDIT_RETENTION: audit events older than this (ms) are pruned; 90 days by default */
  auditRetentionMs: number;
  /** POLYIAM_PUBLIC_URL: the origin clients reach this server at behind a proxy (Keystone catalog, links) */
  publicUrl?: string | undefined;
  /**
   * POLYIAM_V3_RULES: `huawei` (default) validates /v3 users by Huawei's rules (names of at most 32
   * characters, a password set at creation must be changed first); `keystone` by Keystone's (names up
   * to 255, `email` and `default_project_id` kept, no forced change), for OpenStack tooling and tempest
   */
  v3Rules?: 'huawei' | 'keystone';
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
  tlsCert?: string;
  tlsKey?: string;
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
    tls: parseTls(overrides.tlsCert ?? (env.POLYIAM_TLS_CERT || undefined), overrides.tlsKey ?? (env.POLYIAM_TLS_KEY || undefined)),
    trustProxy: parseTrustProxy(env.POLYIAM_TRUST_PROXY ?? ''),
    auditRetentionMs: parseDuration('POLYIAM_AUDIT_RETENTION', env.POLYIAM_AUDIT_RETENTION || '90d'),
    publicUrl: parsePublicUrl(env.POLYIAM_PUBLIC_URL),
    v3Rules: parseV3Rules(env.POLYIAM_V3_RULES),
    smtpUrl: env.POLYIAM_SMTP_URL || undefined,
    smtpFrom: env.POLYIAM_SMTP_FROM || undefined,
    smsWebhookUrl: env.POLYIAM_SMS_WEBHOOK_URL || undefined,
    smsWebhookSecret: env.POLYIAM_SMS_WEBHOOK_SECRET || undefined,
    testOutboxStandIn: env.POLYIAM_TEST_OUTBOX !== '0',
  };
}

function parseTls(certFile: string | undefined, keyFile: string | undefined): Config['tls'] {
  if (certFile === undefined && keyFile === undefined) return undefined;
  if (certFile === undefined || keyFile === undefined) throw new ConfigError('a TLS certificate and its key go together: set both `--tls-cert` and `--tls-key` (POLYIAM_TLS_CERT, POLYIAM_TLS_KEY)');
  return { certFile, keyFile };
}

const PROXY_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/** `10.0.0.0/8, 192.168.1.7` → the list Fastify's trustProxy takes; empty, `false` or `off` → off. */
export function parseTrustProxy(text: string): false | string[] {
  const trimmed = text.trim();
  if (trimmed === '' || trimmed === 'false' || trimmed === 'off') return false;
  const entries = trimmed.split(',').map((entry) => entry.trim()).filter((entry) => entry !== '');
  for (const entry of entries) {
    if (PROXY_NAMES.has(entry)) continue;
    const [address = '', prefix, ...rest] = entry.split('/');
    const family = isIP(address);
    const maxPrefix = family === 4 ? 32 : 128;
    const prefixOk = prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= maxPrefix);
    if (family === 0 || !prefixOk || rest.length > 0) {
      throw new ConfigError(`POLYIAM_TRUST_PROXY entry \`${entry}\` is not an IP address, a CIDR range, or one of loopback, linklocal, uniquelocal`);
    }
  }
  return entries;
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

const DURATION_UNITS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** `90d`, `12h`, `30m`, `45s`; a bare number is days. */
export function parseDuration(name: string, text: string): number {
  const match = /^(\d+)([smhd]?)$/.exec(text.trim());
  if (!match || Number(match[1]) === 0) throw new ConfigError(`${name} \`${text}\` is not a duration such as 90d, 12h or 30m`);
  return Number(match[1]) * DURATION_UNITS[match[2] || 'd']!;
}

/** `https://iam.example.com[:port][/prefix]` without a trailing slash; empty means unset. */
function parsePublicUrl(text: string | undefined): string | undefined {
  if (text === undefined || text === '') return undefined;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new ConfigError(`POLYIAM_PUBLIC_URL \`${text}\` is not a URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new ConfigError(`POLYIAM_PUBLIC_URL \`${text}\` must be http or https`);
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

function parseV3Rules(text: string | undefined): 'huawei' | 'keystone' {
  if (text === undefined || text === '' || text === 'huawei') return 'huawei';
  if (text === 'keystone') return 'keystone';
  throw new ConfigError(`POLYIAM_V3_RULES \`${text}\` must be \`huawei\` or \`keystone\``);
}
