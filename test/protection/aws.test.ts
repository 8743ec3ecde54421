/**
 * Protection matrix, AWS IAM (query API, Version 2010-05-08): every action of the AWS dialect's
 * table, POSTed as a form and signed SigV4 by the AWS SDK's own signer (@smithy/signature-v4).
 */
import { queryDialects } from '../../src/http/query-dialects.js';
import { form, send, signRequest } from '../conformance/aws/sigv4.js';
import { awsFamilyRows, KNOWN_MISNAMED, type Params } from './aws-family.js';
import { describeMatrix } from './matrix.js';
import { mfaRows } from './mfa-rows.js';

const dialect = queryDialects.find((d) => d.name === 'aws')!;

describeMatrix<Params>({
  dialect: 'aws',
  operations: [...dialect.operations.keys()],
  rows: {
    ...awsFamilyRows({ prefix: 'arn:aws:iam::', accountNumber: (fx) => fx.account.awsAccountId }),
    // account reports (#14): AWS only
    GenerateCredentialReport: () => ({ req: {} }),
    GetCredentialReport: () => ({ req: {} }),
    GetAccountSummary: () => ({ req: {} }),
    GetAccountAuthorizationDetails: () => ({ req: {} }),
    ...mfaRows({ prefix: 'arn:aws:iam::', accountNumber: (fx) => fx.account.awsAccountId }),
  },
  vendorActions: { syntax: 'aws', name: (action) => `iam:${action}`, known: KNOWN_MISNAMED },
  async send(env, persona, params, action) {
    const url = env.server.url;
    const res = await send(url, await signRequest(url, persona.keys, { method: 'POST', body: form({ Action: action, Version: '2010-05-08', ...params }) }));
    return { status: res.status, text: res.body };
  },
});
