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
    // roles (issue #13): the fixture's roles; a new role trusts an account that names neither persona's
    // (trusting the fixture's account from the foreign one would be a legitimate cross-account trust)
    CreateRole: (_p, _fx, n) => ({ req: { RoleName: `made-${n}`, TrustAccounts: '2000000001' } }),
    GetRole: (_p, fx) => ({ req: { RoleName: fx.role.name } }),
    ListRoles: () => ({ req: {} }),
    UpdateRole: (_p, fx) => ({ req: { RoleName: fx.role.name, NewDescription: 'changed' } }),
    UpdateRoleTrustAccounts: (_p, fx) => ({ req: { RoleName: fx.bareRole.name, NewTrustAccounts: String(fx.account.numericId) } }),
    DeleteRole: (_p, fx) => ({ req: { RoleName: fx.bareRole.name } }),
    AttachRolePolicy: (_p, fx) => ({ req: { RoleName: fx.role.name, PolicyKrn: `krn:ksc:iam::${fx.account.numericId}:policy/${fx.spare.name}` } }),
    DetachRolePolicy: (_p, fx) => ({ req: { RoleName: fx.role.name, PolicyKrn: `krn:ksc:iam::${fx.account.numericId}:policy/${fx.policy.name}` } }),
    ListAttachedRolePolicies: (_p, fx) => ({ req: { RoleName: fx.role.name } }),
    // the fixture role trusts p-reader by name and the account
    AssumeRole: (_p, fx) => ({ req: { RoleKrn: `krn:ksc:iam::${fx.account.numericId}:role/${fx.role.name}`, RoleSessionName: 'matrix' } }),
    // issue #14: the account summary (kscore model)
    GetAccountSummary: () => ({ req: {} }),
  },
  expectations: { AssumeRole: { root: 'deny', admin: 'deny', reader: 'allow', nobody: 'deny', disabled: 'refused', foreign: 'isolated' } },
  vendorActions: {
    syntax: 'kingsoft',
    name: (action) => (action === 'AssumeRole' ? 'sts:AssumeRole' : `iam:${action}`),
    // Kingsoft's trust is an account list written into the role's trust policy: AWS's UpdateAssumeRolePolicy
    known: { ...KNOWN_MISNAMED, UpdateRoleTrustAccounts: 'the trust policy write is iam:UpdateAssumeRolePolicy' },
  },
  async send(env, persona, params, action) {
    const res = await ks(env.server, persona.keys, { Action: action, ...params });
    return { status: res.status, text: res.body };
  },
});
