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

/**
 * Fastify gives every request a child logger bound to its request id; making one costs pino a
 * serialization of the bindings per request, though most requests log nothing (access logging is
 * opt-in). This child is made on its first use instead. A class, so a request costs one small object
 * and no closures.
 */
class LazyChildLogger {
  private real: Logger | undefined;

  constructor(
    private readonly parent: Logger,
    private readonly bindings: pino.Bindings,
    private readonly options: pino.ChildLoggerOptions,
  ) {}

  private made(): Logger {
    return (this.real ??= this.parent.child(this.bindings, this.options));
  }

  get level(): string {
    return this.made().level;
  }

  set level(value: string) {
    this.made().level = value;
  }

  fatal(...args: unknown[]): void {
    (this.made().fatal as (...a: unknown[]) => void)(...args);
  }

  error(...args: unknown[]): void {
    (this.made().error as (...a: unknown[]) => void)(...args);
  }

  warn(...args: unknown[]): void {
    (this.made().warn as (...a: unknown[]) => void)(...args);
  }

  info(...args: unknown[]): void {
    (this.made().info as (...a: unknown[]) => void)(...args);
  }

  debug(...args: unknown[]): void {
    (this.made().debug as (...a: unknown[]) => void)(...args);
  }

  trace(...args: unknown[]): void {
    (this.made().trace as (...a: unknown[]) => void)(...args);
  }

  silent(): void {}

  child(bindings: pino.Bindings, options?: pino.ChildLoggerOptions): Logger {
    return this.made().child(bindings, options);
  }

  isLevelEnabled(level: string): boolean {
    return this.parent.isLevelEnabled(level);
  }
}

export function lazyChildLogger(parent: Logger, bindings: pino.Bindings, options: pino.ChildLoggerOptions): Logger {
  return new LazyChildLogger(parent, bindings, options) as unknown as Logger;
}
