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
  /** POLYIAM_PUBLIC_URL: the origin clients reach this server at behind a proxy (Keystone catalog, links) */
  publicUrl?: string | undefined;
  /**
   * POLYIAM_V3_RULES: `huawei` (default) validates /v3 users by Huawei's rules (names of at most 32
   * characters, a password set at creation must be changed first); `keystone` by Keystone's (names up
   * to 255, `email` and `default_project_id` kept, no forced change), for OpenStack tooling and tempest
   */
  v3Rules?: 'huawei' | 'keystone';
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
    publicUrl: parsePublicUrl(env.POLYIAM_PUBLIC_URL),
    v3Rules: parseV3Rules(env.POLYIAM_V3_RULES),
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
