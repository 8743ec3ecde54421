import pino, { type Logger } from 'pino';

/**
 * SECURITY: pino redaction for every place a secret could sit in a log line. Requests are logged by
 * path only (no query string: Volcengine GET and Kingsoft send passwords and signatures there), and
 * bodies are never logged.
 */
export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers["x-auth-token"]',
  'req.headers["x-subject-token"]',
  'req.headers["x-security-token"]',
  'req.headers["x-amz-security-token"]',
  'req.headers.cookie',
  'res.headers["x-subject-token"]',
  'res.headers["set-cookie"]',
  '*.password',
  '*.secret',
  '*.secretAccessKey',
  '*.secret_access_key',
  '*.token',
];

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      redact: { paths: REDACT_PATHS, censor: '[REDACTED]' },
      serializers: {
        req: (req: { method?: string; url?: string; id?: string; ip?: string }) => ({
          id: req.id,
          method: req.method,
          path: (req.url ?? '').split('?')[0],
          ip: req.ip,
        }),
        res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
      },
    },
    destination,
  );
}

type LogMethod = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

/**
 * Fastify gives every request a child logger bound to its request id; making one costs pino a
 * serialization of the bindings per request, though most requests log nothing (access logging is
 * opt-in). This child is made on its first use instead.
 */
export function lazyChildLogger(parent: Logger, bindings: pino.Bindings, options: pino.ChildLoggerOptions): Logger {
  let real: Logger | undefined;
  const made = () => (real ??= parent.child(bindings, options));
  const method = (name: LogMethod) => (...args: unknown[]) => (made()[name] as (...a: unknown[]) => void)(...args);
  return {
    fatal: method('fatal'),
    error: method('error'),
    warn: method('warn'),
    info: method('info'),
    debug: method('debug'),
    trace: method('trace'),
    silent: method('silent'),
    child: (more: pino.Bindings, moreOptions?: pino.ChildLoggerOptions) => made().child(more, moreOptions),
    get level() {
      return made().level;
    },
    set level(value: string) {
      made().level = value;
    },
    isLevelEnabled: (level: string) => parent.isLevelEnabled(level),
  } as unknown as Logger;
}
