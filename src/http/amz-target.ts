import type { ConstraintStrategy } from 'find-my-way';
import type { IncomingMessage } from 'node:http';

/**
 * Routes AWS JSON-protocol calls (`POST /` with `X-Amz-Target: <Service_Version>.<Operation>`) to the
 * plugin of that service: a route constrained to `amzTarget: 'CloudTrail_20131101'` takes those calls,
 * and every other `POST /` (no header, or another service's) falls through to the query API route.
 */
export const amzTargetConstraint: ConstraintStrategy<never, string> = {
  name: 'amzTarget',
  storage() {
    const handlers = new Map<string, unknown>();
    return {
      get: (value: string) => (handlers.get(value) ?? null) as never,
      set: (value: string, handler: unknown) => {
        handlers.set(value, handler);
      },
    };
  },
  deriveConstraint(request: IncomingMessage) {
    const target = request.headers['x-amz-target'];
    if (typeof target !== 'string') return undefined as unknown as string;
    // `CloudTrail_20131101.LookupEvents`, or with the Smithy namespace the aws CLI sends:
    // `com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.LookupEvents`
    const last = target.lastIndexOf('.');
    if (last === -1) return target;
    return target.slice(target.lastIndexOf('.', last - 1) + 1, last);
  },
  mustMatchWhenDerived: false,
};
