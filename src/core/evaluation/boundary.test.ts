/** @see #15 The evaluator with a permissions boundary: both must allow; an explicit deny in either wins. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Actions } from '../authorization/actions.js';
import { parsePolicyDocument } from '../policies/parse.js';
import { buildAccount } from '../testing/builders.js';
import { evaluateBounded } from './boundary.js';
import { compilePolicySet, type CompiledPolicySet } from './compile.js';
import type { EvaluationRequest } from './request.js';

function set(id: string, statements: Array<{ Effect: string; Action: string }>): CompiledPolicySet {
  const parsed = parsePolicyDocument(JSON.stringify({ Version: '2012-10-17', Statement: statements.map((s) => ({ ...s, Resource: '*' })) }), 'aws');
  assert.ok(parsed.ok);
  return compilePolicySet([{ id, document: parsed.value }]);
}

const account = buildAccount();
const request = (action: (typeof Actions)[keyof typeof Actions]): EvaluationRequest => ({
  action,
  resource: { type: 'account', account: { id: account.id, awsAccountId: account.awsAccountId, numericId: account.numericId } },
  principal: { account: { id: account.id, awsAccountId: account.awsAccountId, numericId: account.numericId }, userId: 'u', userName: 'u', isRoot: false, tags: [] },
  environment: { currentTime: 0, sourceIp: null, secureTransport: true, mfaPresent: false },
});

describe('evaluateBounded', () => {
  const identity = set('identity', [{ Effect: 'Allow', Action: 'iam:*' }, { Effect: 'Deny', Action: 'iam:DeleteUser' }]);
  const boundary = set('boundary', [{ Effect: 'Allow', Action: 'iam:List*' }, { Effect: 'Allow', Action: 'iam:DeleteUser' }, { Effect: 'Deny', Action: 'iam:ListGroups' }]);

  it('without a boundary, the identity policies alone decide', () => {
    assert.equal(evaluateBounded({ identity, boundary: null }, request(Actions.createUser)).decision, 'allow');
  });

  it('allows only what both allow', () => {
    const listed = evaluateBounded({ identity, boundary }, request(Actions.listUsers));
    assert.equal(listed.decision, 'allow');
    assert.deepEqual(listed.deciding.map((s) => s.policyId), ['identity', 'boundary']);
    const created = evaluateBounded({ identity, boundary }, request(Actions.createUser));
    assert.deepEqual([created.decision, created.deniedBy, created.boundaryAllowed], ['implicit-deny', 'permissions-boundary', false]);
  });

  it('an explicit deny in either wins; a boundary grants nothing by itself', () => {
    assert.deepEqual(pick(evaluateBounded({ identity, boundary }, request(Actions.deleteUser))), ['explicit-deny', 'identity']);
    assert.deepEqual(pick(evaluateBounded({ identity, boundary }, request(Actions.listGroups))), ['explicit-deny', 'permissions-boundary']);
    const none = compilePolicySet([]);
    assert.deepEqual(pick(evaluateBounded({ identity: none, boundary }, request(Actions.listUsers))), ['implicit-deny', 'identity']);
  });
});

const pick = (r: { decision: string; deniedBy?: string }) => [r.decision, r.deniedBy];
