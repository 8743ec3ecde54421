/**
 * Protection matrix, Kingsoft IAM (Version 2015-11-01): every action of the Kingsoft dialect's table,
 * signed with Kingsoft's simple signature as its Go SDK computes it (the Kingsoft suite's signer;
 * Kingsoft has no Node SDK).
 */
import { queryDialects } from '../../src/http/query-dialects.js';
import { ks } from '../conformance/kingsoft/support.js';
import { awsFamilyRows, KNOWN_MISNAMED, type Params } from './aws-family.js';
import { describeMatrix } from './matrix.js';
import { mfaRows } from './mfa-rows.js';

const dialect = queryDialects.find((d) => d.name === 'kingsoft')!;

describeMatrix<Params>({
  dialect: 'kingsoft',
  operations: [...dialect.operations.keys()],
  rows: {
    ...awsFamilyRows({ prefix: 'krn:ksc:iam::', accountNumber: (fx) => String(fx.account.numericId) }),
    ...mfaRows({ prefix: 'krn:ksc:iam::', accountNumber: (fx) => String(fx.account.numericId) }),
  },
  vendorActions: { syntax: 'kingsoft', name: (action) => `iam:${action}`, known: KNOWN_MISNAMED },
  async send(env, persona, params, action) {
    const res = await ks(env.server, persona.keys, { Action: action, ...params });
    return { status: res.status, text: res.body };
  },
});
