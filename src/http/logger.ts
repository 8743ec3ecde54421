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
