/**
 * Protection matrix, AWS STS (query API, Version 2011-06-15, on the same `/` as IAM): every action of
 * the STS dialect's table, POSTed as a form and signed SigV4 for service `sts` by the AWS SDK's signer.
 */
import { queryDialects } from '../../src/http/query-dialects.js';
import { form, send, signRequest } from '../conformance/aws/sigv4.js';
import { describeMatrix } from './matrix.js';
import type { Planned, Row } from './personas.js';

type Params = Record<string, string>;
const dialect = queryDialects.find((d) => d.name === 'aws-sts')!;
const p = (params: Params): Planned<Params> => ({ req: params });

const rows: Record<string, Row<Params>> = {
  // an authorization message of the fixture's account (sts:DecodeAuthorizationMessage is not in IAMReadOnlyAccess)
  DecodeAuthorizationMessage: (_p, fx) => p({ EncodedMessage: fx.encoded }),
  // the caller itself: granted by no policy
  GetCallerIdentity: () => p({}),
  // the fixture role trusts p-reader by name (allowed on the trust alone) and the account (then the
  // caller's own policies must allow sts:AssumeRole, which no persona's do); the root never assumes roles
  AssumeRole: (_p, fx) => p({ RoleArn: `arn:aws:iam::${fx.account.awsAccountId}:role/${fx.role.name}`, RoleSessionName: 'matrix' }),
  // the caller's own rights for a while: AWS asks for no permission (A-TMP)
  GetSessionToken: () => p({ DurationSeconds: '900' }),
};

describeMatrix<Params>({
  dialect: 'aws-sts',
  operations: [...dialect.operations.keys()],
  rows,
  vendorActions: { syntax: 'aws', name: (action) => `sts:${action}` },
  expectations: {
    AssumeRole: { root: 'deny', admin: 'deny', reader: 'allow', nobody: 'deny', disabled: 'refused', foreign: 'isolated' },
    GetSessionToken: { root: 'allow', admin: 'allow', reader: 'allow', nobody: 'allow', disabled: 'refused', foreign: 'isolated' },
  },
  async send(env, persona, params, action) {
    const url = env.server.url;
    const res = await send(url, await signRequest(url, persona.keys, { method: 'POST', service: 'sts', body: form({ Action: action, Version: '2011-06-15', ...params }) }));
    return { status: res.status, text: res.body };
  },
});
