import { AuthenticationError } from '../../core/errors.js';
import { xmlError, xmlSuccess } from '../kit/aws-family/envelope.js';
import { requiredMember } from '../kit/aws-family/params.js';
import { operationTable, type QueryDialect, type Rendered, type RenderContext } from '../kit/query-dialect.js';
import { renderDecodedMessage } from './decoded-message.js';
import { toStsError } from './errors.js';
import { callerIdentity, sessionOperations } from './operations/sessions.js';
import { sessionTokenOperations } from './operations/session-token.js';

export const DIALECT = 'aws-sts';
export const VERSION = '2011-06-15';
/** STS API namespace of every response body */
export const NAMESPACE = 'https://sts.amazonaws.com/doc/2011-06-15/';

/** DecodeAuthorizationMessage EncodedMessage: 1-10240 characters (STS API reference) */
const ENCODED_MESSAGE = { min: 1, max: 10240 };

/**
 * AWS STS, awsQuery protocol, Version 2011-06-15, on the same `/` as IAM: SigV4 with service `sts`.
 * Only what IAM's denials need: DecodeAuthorizationMessage (the 403's encoded explanation, needs
 * `sts:DecodeAuthorizationMessage`) and GetCallerIdentity (no permission needed).
 */
export function awsStsDialect(): QueryDialect {
  const render = (status: number, body: string, context: RenderContext): Rendered => ({
    status,
    contentType: 'text/xml',
    body,
    headers: { 'x-amzn-requestid': context.requestId },
  });
  return {
    name: DIALECT,
    versions: [VERSION],
    schemes: ['aws-sigv4'],
    operations: operationTable([
      {
        action: 'DecodeAuthorizationMessage',
        async run({ ctx, params, services }) {
          const encoded = requiredMember(params, 'EncodedMessage', ENCODED_MESSAGE);
          return { DecodedMessage: renderDecodedMessage(await services.authorizationMessages.decode(ctx, encoded)) };
        },
      },
      {
        action: 'GetCallerIdentity',
        run: ({ ctx, services }) => callerIdentity(services, ctx),
      },
      ...sessionOperations(),
      ...sessionTokenOperations(),
    ]),
    acceptsJsonBody: false,
    // picked by Version only: a SigV4 request without one belongs to IAM, the fallback
    ownsScheme: () => false,
    checkSignature(signature) {
      if (signature.scheme === 'aws-sigv4' && signature.service !== 'sts') throw new AuthenticationError('malformed');
    },
    renderSuccess: (result, context) => render(200, xmlSuccess(context.action ?? '', NAMESPACE, `${context.action ?? ''}Result`, result, context.requestId), context),
    renderError(err, context) {
      const error = toStsError(err, context);
      return render(error.status, xmlError(error, context.requestId, { namespace: NAMESPACE }), context);
    },
  };
}
