import { optionalInteger } from '../../kit/aws-family/params.js';
import type { QueryOperation } from '../../kit/query-dialect.js';
import { readMfaOffer, renderCredentials } from './sessions.js';

/**
 * AWS STS GetSessionToken (A-TMP; client-sts `GetSessionTokenRequest$`): DurationSeconds 900-129600,
 * SerialNumber + TokenCode; result `Credentials` only.
 */
export function sessionTokenOperations(): QueryOperation[] {
  return [
    {
      action: 'GetSessionToken',
      async run({ ctx, params, services }) {
        const durationSeconds = optionalInteger(params, 'DurationSeconds', 900, 129_600);
        const mfa = await readMfaOffer(services, ctx, params, 'sts:GetSessionToken');
        const issued = await services.sessionTokens.getSessionToken(ctx, { ...(durationSeconds !== undefined ? { durationSeconds } : {}), ...(mfa ? { mfa } : {}) });
        return { Credentials: renderCredentials(issued) };
      },
    },
  ];
}
