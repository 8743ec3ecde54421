import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { Actions, type IamAction } from '../authorization/actions.js';
import type { PolicySyntax } from '../policies/document.js';
import { parsePolicyDocument } from '../policies/parse.js';
import { compilePolicySet, type AttachedPolicy } from './compile.js';
import { evaluate } from './evaluate.js';
import type { AccountIdentity, EvaluationRequest } from './request.js';

const ACCOUNT: AccountIdentity = { id: 'abcdef0123456789abcdef0123456789', awsAccountId: '123456789012', numericId: 2000000001 };

// Vocabularies chosen so that generated statements often, but not always, apply to the request.
const AWS_ACTIONS = ['*', 'iam:*', 'iam:Get*', 'iam:GetUser', 'iam:DeleteUser', 'iam:*LoginProfile', 'iam:?etUser', 'iam:*AccessKey*'];
const AWS_RESOURCES = [
  '*',
  'arn:aws:iam::123456789012:user/*',
  'arn:aws:iam::123456789012:user/b*',
  'arn:aws:iam::123456789012:user/${aws:username}',
  'arn:aws:iam::999999999999:user/*',
];
const HUAWEI_ACTIONS = ['*', 'iam:*:*', 'iam:users:*', 'iam:users:getUserV5', 'iam:credentials:*', 'iam:users:*LoginProfileV5'];
const HUAWEI_RESOURCES = ['*', 'iam::*:user:*', 'iam::*:user:a*', 'iam::*:user:${g:UserName}'];
const AWS_CONDITIONS: Record<string, unknown>[] = [
  { StringEquals: { 'aws:PrincipalTag/team': 'dev' } },
  { StringNotEquals: { 'aws:username': 'bob' } },
  { StringLike: { 'aws:username': 'a*' } },
  { IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } },
  { NotIpAddress: { 'aws:SourceIp': ['192.0.2.0/24', '2001:db8::/32'] } },
  { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'true' } },
  { 'ForAllValues:StringEquals': { 'aws:TagKeys': ['env', 'team'] } },
  { 'ForAnyValue:StringLike': { 'aws:TagKeys': 'e*' } },
  { Null: { 'aws:PrincipalTag/team': 'true' } },
  { DateLessThan: { 'aws:CurrentTime': '2024-06-01T00:00:00Z' } },
  { StringEquals: { 'aws:ResourceTag/owner': '${aws:username}' } },
];
const HUAWEI_CONDITIONS: Record<string, unknown>[] = [
  { StringEquals: { 'g:PrincipalTag/team': ['dev'] } },
  { StringStartWith: { 'g:UserName': ['a'] } },
  { Bool: { 'g:MFAPresent': ['true'] } },
  { IpAddress: { 'g:SourceIp': ['10.0.0.0/8'] } },
];

interface StatementSpec {
  syntax: PolicySyntax;
  effect: 'Allow' | 'Deny';
  action: string;
  negateAction: boolean;
  resource: string;
  negateResource: boolean;
  conditions: Record<string, unknown>[];
}

const statementOf = (syntax: PolicySyntax, actions: string[], resources: string[], conditions: Record<string, unknown>[]) =>
  fc.record({
    syntax: fc.constant(syntax),
    effect: fc.constantFrom('Allow' as const, 'Deny' as const),
    action: fc.constantFrom(...actions),
    negateAction: fc.boolean(),
    resource: fc.constantFrom(...resources),
    negateResource: fc.boolean(),
    conditions: fc.subarray(conditions, { maxLength: 2 }),
  });

const statement: fc.Arbitrary<StatementSpec> = fc.oneof(
  { weight: 3, arbitrary: statementOf('aws', AWS_ACTIONS, AWS_RESOURCES, AWS_CONDITIONS) },
  { weight: 1, arbitrary: statementOf('huawei-v5', HUAWEI_ACTIONS, HUAWEI_RESOURCES, HUAWEI_CONDITIONS) },
);

let counter = 0;
function toPolicy(spec: StatementSpec): AttachedPolicy {
  const body: Record<string, unknown> = {
    Effect: spec.effect,
    [spec.negateAction ? 'NotAction' : 'Action']: [spec.action],
    [spec.negateResource ? 'NotResource' : 'Resource']: [spec.resource],
  };
  if (spec.conditions.length > 0) body.Condition = Object.assign({}, ...spec.conditions);
  const version = spec.syntax === 'aws' ? '2012-10-17' : '5.0';
  const parsed = parsePolicyDocument(JSON.stringify({ Version: version, Statement: [body] }), spec.syntax);
  assert.ok(parsed.ok, JSON.stringify(parsed.ok ? null : parsed.problems));
  return { id: `p${counter++}`, document: parsed.value };
}

const request: fc.Arbitrary<EvaluationRequest> = fc.record({
  action: fc.constantFrom(...(Object.values(Actions) as IamAction[])),
  resource: fc.oneof(
    fc.constantFrom('alice', 'bob', 'admin').map((name) => ({ type: 'user' as const, account: ACCOUNT, name })),
    fc.constant({ type: 'account' as const, account: ACCOUNT }),
  ),
  principal: fc.record({
    account: fc.constant(ACCOUNT),
    userId: fc.constant('11111111111111111111111111111111'),
    userName: fc.constantFrom('alice', 'bob'),
    isRoot: fc.constant(false),
    tags: fc.subarray([{ key: 'team', value: 'dev' }, { key: 'env', value: 'prod' }]),
  }),
  environment: fc.record({
    currentTime: fc.constantFrom(Date.parse('2024-01-01T00:00:00Z'), Date.parse('2024-12-01T00:00:00Z')),
    sourceIp: fc.constantFrom('10.1.2.3', '192.0.2.7', '2001:db8::1', null),
    secureTransport: fc.boolean(),
    mfaPresent: fc.constantFrom(true, false, null),
  }),
  requestTags: fc.subarray([{ key: 'env', value: 'a' }, { key: 'team', value: 'b' }, { key: 'x', value: 'c' }]),
  resourceTags: fc.subarray([{ key: 'owner', value: 'alice' }]),
});

const policies = fc.array(statement, { maxLength: 8 }).map((specs) => specs.map(toPolicy));

test('a matching Deny statement always wins', () => {
  const denyAll = fc.constantFrom<StatementSpec>(
    { syntax: 'aws', effect: 'Deny', action: '*', negateAction: false, resource: '*', negateResource: false, conditions: [] },
    { syntax: 'huawei-v5', effect: 'Deny', action: 'iam:*:*', negateAction: false, resource: '*', negateResource: false, conditions: [] },
  );
  fc.assert(
    fc.property(policies, denyAll, request, (set, deny, req) => {
      const withDeny = [...set, toPolicy(deny)];
      const result = evaluate(compilePolicySet(withDeny), req);
      assert.equal(result.decision, 'explicit-deny');
      assert.ok(result.deciding.every((s) => s.effect === 'Deny'));
    }),
    { numRuns: 500 },
  );
});

test('whenever any Deny statement matched, the decision is an explicit deny', () => {
  fc.assert(
    fc.property(policies, request, (set, req) => {
      const result = evaluate(compilePolicySet(set), req);
      const deniedBy = result.trace.filter((t) => t.outcome === 'matched' && t.statement.effect === 'Deny');
      assert.equal(result.decision === 'explicit-deny', deniedBy.length > 0);
      if (result.decision === 'allow') assert.ok(result.deciding.length > 0 && result.deciding.every((s) => s.effect === 'Allow'));
    }),
    { numRuns: 1000 },
  );
});

test('adding an Allow statement never removes access', () => {
  const allow = statement.map((s) => ({ ...s, effect: 'Allow' as const }));
  fc.assert(
    fc.property(policies, allow, request, (set, extra, req) => {
      const before = evaluate(compilePolicySet(set), req);
      const after = evaluate(compilePolicySet([...set, toPolicy(extra)]), req);
      if (before.isAllowed) assert.equal(after.decision, 'allow');
      if (before.decision === 'explicit-deny') assert.equal(after.decision, 'explicit-deny');
    }),
    { numRuns: 1000 },
  );
});

test('the order of policies does not change the decision', () => {
  fc.assert(
    fc.property(policies, request, (set, req) => {
      const forward = evaluate(compilePolicySet(set), req, { trace: false });
      const backward = evaluate(compilePolicySet([...set].reverse()), req, { trace: false });
      assert.equal(forward.decision, backward.decision);
    }),
    { numRuns: 500 },
  );
});
