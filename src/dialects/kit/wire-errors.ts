/**
 * Errors a dialect raises before the core is reached: the wire input is malformed or fails the
 * dialect's own schema. Each dialect maps these to its vendor's validation code; they never reach core.
 */
export class WireValidationError extends Error {
  constructor(
    /** the vendor's parameter name, as the client sent it */
    readonly field: string,
    readonly reason: string,
    readonly problem: 'missing' | 'invalid' | 'malformed-body' | 'unknown-operation' | 'unsupported-version' = 'invalid',
  ) {
    super(problem === 'missing' ? `missing \`${field}\`` : `invalid \`${field}\`: ${reason}`);
  }
}

/** Any error Fastify or Node raised with a 4xx status (body too large, bad content length...). */
export function clientErrorStatus(err: unknown): number | undefined {
  const status = (err as { statusCode?: unknown } | null)?.statusCode;
  return typeof status === 'number' && status >= 400 && status < 500 ? status : undefined;
}
