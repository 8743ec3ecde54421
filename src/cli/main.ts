import pino from 'pino';
import { createPolyiam } from '../app/polyiam.js';
import { ConfigError, loadConfig, parsePort, type Config, type ConfigOverrides } from '../config/config.js';
import { isIamError } from '../core/errors.js';
import { PlainPassword } from '../core/secrets.js';
import { createLogger } from '../http/logger.js';
import { buildServer } from '../http/server.js';
import { migrateToLatest } from '../store/kysely-store.js';
import { openStore } from '../app/polyiam.js';
import { parseArgs, UsageError, type ParsedArgs } from './args.js';
import { createAccount, credentialsJson } from './account.js';
import { rotateTokenKeys, rotationJson } from './keys.js';
import { operatorCommand } from './operator.js';
import { AUDIT_FLAGS, AUDIT_SWITCHES, auditQuery, auditTable, jsonLine, parseSince, takeSwitches } from './audit.js';

const USAGE = `usage:
  polyiam serve [--host H] [--port P] [--data-dir D] [--database-url URL] [--tls-cert FILE --tls-key FILE]
  polyiam account create NAME [--password P] [--data-dir D] [--database-url URL]
  polyiam migrate [--data-dir D] [--database-url URL]
  polyiam operator grant|revoke --account NAME (--user NAME | --role NAME) [--data-dir D] [--database-url URL]
  polyiam operator list [--data-dir D] [--database-url URL]
  polyiam keys rotate [--data-dir D] [--database-url URL]
  polyiam audit [--since 1h] [--until T] [--user NAME] [--action NAME] [--resource NAME] [--account NAME]
                [--failed] [--json] [--limit N]
  polyiam audit export --since 30d > events.jsonl
  polyiam audit prune

environment: POLYIAM_HOST, POLYIAM_PORT (8600), POLYIAM_DATA_DIR (./data), POLYIAM_DATABASE_URL,
             POLYIAM_MASTER_KEY, POLYIAM_LOG_LEVEL, POLYIAM_TLS_CERT, POLYIAM_TLS_KEY,
             POLYIAM_TRUST_PROXY (off; IPs/CIDRs of proxies whose X-Forwarded-For is believed),
             POLYIAM_AUDIT_RETENTION (90d)`;

const CONNECTION_FLAGS = ['data-dir', 'database-url'];

/** Entry point of the `polyiam` command; returns the process exit code. */
export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'serve':
        return await serve(parseArgs(rest, ['host', 'port', 'tls-cert', 'tls-key', ...CONNECTION_FLAGS]));
      case 'account':
        if (rest[0] !== 'create') throw new UsageError('expected `account create NAME`');
        return await accountCreate(parseArgs(rest.slice(1), ['password', ...CONNECTION_FLAGS]));
      case 'keys':
        if (rest[0] !== 'rotate') throw new UsageError('expected `keys rotate`');
        return await keysRotate(parseArgs(rest.slice(1), CONNECTION_FLAGS));
      case 'migrate':
        return await migrate(parseArgs(rest, CONNECTION_FLAGS));
      case 'operator':
        return await operator(rest[0], parseArgs(rest.slice(1), ['account', 'user', 'role', ...CONNECTION_FLAGS]));
      case 'audit':
        return await audit(rest);
      case undefined:
      case 'help':
      case '--help':
        process.stdout.write(`${USAGE}\n`);
        return command === undefined ? 2 : 0;
      default:
        throw new UsageError(`unknown command \`${command}\``);
    }
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`polyiam: ${err.message}\n${USAGE}\n`);
      return 2;
    }
    if (err instanceof ConfigError) {
      process.stderr.write(`polyiam: ${err.message}\n`);
      return 2;
    }
    if (isIamError(err)) {
      process.stderr.write(`polyiam: ${err.message}\n`);
      return 1;
    }
    throw err;
  }
}

function configFrom(args: ParsedArgs): Config {
  const overrides: ConfigOverrides = {};
  const host = args.flags.get('host');
  const port = args.flags.get('port');
  const dataDir = args.flags.get('data-dir');
  const databaseUrl = args.flags.get('database-url');
  if (host !== undefined) overrides.host = host;
  if (port !== undefined) overrides.port = parsePort(port);
  if (dataDir !== undefined) overrides.dataDir = dataDir;
  if (databaseUrl !== undefined) overrides.databaseUrl = databaseUrl;
  const tlsCert = args.flags.get('tls-cert');
  const tlsKey = args.flags.get('tls-key');
  if (tlsCert !== undefined) overrides.tlsCert = tlsCert;
  if (tlsKey !== undefined) overrides.tlsKey = tlsKey;
  return loadConfig(process.env, overrides);
}

/** Logs go to stderr so stdout carries only what a script may read (the first account's credentials). */
const stderrLogger = (config: Config) => createLogger(config.logLevel, pino.destination(2));

async function serve(args: ParsedArgs): Promise<number> {
  const config = configFrom(args);
  const logger = stderrLogger(config);
  const polyiam = await createPolyiam(config, { logger });
  if ((await polyiam.services.accounts.count()) === 0) {
    // First start on an empty database: one account, its root credentials printed once.
    const created = await polyiam.services.accounts.create('default');
    process.stdout.write(`${credentialsJson(created)}\n`);
  }
  // The handlers go in before listening: a signal that arrives while the port opens must still drain
  // and exit 0, not kill the process with the default action.
  const stopped = new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      logger.info({ signal }, 'shutting down');
      resolve();
    };
    process.once('SIGTERM', () => stop('SIGTERM'));
    process.once('SIGINT', () => stop('SIGINT'));
  });
  const app = await buildServer(polyiam, { logger });
  const address = await app.listen({ host: config.host, port: config.port });
  // for the person at the terminal, as a log line (stderr is JSON lines; stdout carries only the credentials)
  logger.info({ consoleUrl: `${address}/console` }, `web console: ${address}/console`);
  await stopped;
  await app.close();
  await polyiam.close();
  return 0;
}

async function accountCreate(args: ParsedArgs): Promise<number> {
  const name = args.positionals[0];
  if (!name || args.positionals.length > 1) throw new UsageError('expected `account create NAME`');
  const config = configFrom(args);
  const password = args.flags.get('password');
  const polyiam = await createPolyiam(config, { logger: stderrLogger(config) });
  try {
    const created = await createAccount(polyiam, name, password === undefined ? undefined : new PlainPassword(password));
    process.stdout.write(`${credentialsJson(created)}\n`);
    return 0;
  } finally {
    await polyiam.close();
  }
}

async function operator(verb: string | undefined, args: ParsedArgs): Promise<number> {
  const config = configFrom(args);
  const polyiam = await createPolyiam(config, { logger: stderrLogger(config) });
  try {
    process.stdout.write(`${await operatorCommand(polyiam, verb, args)}\n`);
    return 0;
  } finally {
    await polyiam.close();
  }
}

async function migrate(args: ParsedArgs): Promise<number> {
  const store = openStore(configFrom(args));
  try {
    const applied = await migrateToLatest(store.db);
    process.stdout.write(`${JSON.stringify({ applied })}\n`);
    return 0;
  } finally {
    await store.close();
  }
}

async function keysRotate(args: ParsedArgs): Promise<number> {
  if (args.positionals.length > 0) throw new UsageError('expected `keys rotate`');
  const config = configFrom(args);
  const polyiam = await createPolyiam(config, { logger: stderrLogger(config) });
  try {
    process.stdout.write(`${rotationJson(await rotateTokenKeys(polyiam))}\n`);
    return 0;
  } finally {
    await polyiam.close();
  }
}

async function audit(argv: string[]): Promise<number> {
  const sub = argv[0] === 'export' || argv[0] === 'prune' ? argv[0] : undefined;
  const { rest, on } = takeSwitches(sub ? argv.slice(1) : argv, AUDIT_SWITCHES);
  const args = parseArgs(rest, [...AUDIT_FLAGS, ...CONNECTION_FLAGS]);
  if (args.positionals.length > 0) throw new UsageError(`unexpected \`${args.positionals[0]}\``);
  const config = configFrom(args);
  const polyiam = await createPolyiam(config, { logger: stderrLogger(config) });
  try {
    const trail = polyiam.services.auditTrail;
    if (sub === 'prune') {
      process.stdout.write(`${await polyiam.auditRetention.runOnce()} events pruned\n`);
      return 0;
    }
    if (sub === 'export') {
      const since = args.flags.get('since');
      if (since === undefined) throw new UsageError('`audit export` needs --since (a duration such as 30d, or a time)');
      for await (const event of trail.exportSince(parseSince(since, polyiam.services.clock.now()))) {
        if (!process.stdout.write(`${jsonLine(event)}\n`)) await new Promise((resolve) => process.stdout.once('drain', resolve));
      }
      return 0;
    }
    const events = await trail.search(await auditQuery(polyiam, args.flags, on.has('failed')));
    process.stdout.write(on.has('json') ? events.map((e) => `${jsonLine(e)}\n`).join('') : `${auditTable(events)}\n`);
    return 0;
  } finally {
    await polyiam.close();
  }
}
