import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { InvalidInputError, LimitExceededError } from '../errors.js';
import type { PolicySyntax } from './document.js';
import { isInRange, parseCidr, parseIp } from './ip.js';
import { parsePolicyDocument, requirePolicyDocument } from './parse.js';
import type { PolicyProblem } from './problems.js';
import { parseDate } from './values.js';

function problems(document: unknown, syntax: PolicySyntax = 'aws', kind?: 'managed' | 'inline-user'): PolicyProblem[] {
  const text = typeof document === 'string' ? document : JSON.stringify(document);
  const result = parsePolicyDocument(text, syntax, kind ? { kind } : {});
  return result.ok ? [] : result.problems;
}

const aws = (statement: Record<string, unknown>) => ({ Version: '2012-10-17', Statement: [statement] });
const codes = (list: PolicyProblem[]) => list.map((p) => `${p.code} ${p.path}`);

describe('AWS / Kingsoft syntax', () => {
  test('accepts the documented example', () => {
    assert.deepEqual(problems(aws({ Sid: 'AllowOwn', Effect: 'Allow', Action: ['iam:*AccessKey*'], Resource: 'arn:aws:iam::*:user/${aws:username}' })), []);
  });

  test('each problem names its statement and field', () => {
    const found = problems({
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Action: 'iam:GetUser', Resource: '*' },
        { Sid: 'bad-sid', Effect: 'allow', Action: 'GetUser', Resource: 'user/bob', Principal: '*' },
      ],
    });
    assert.deepEqual(codes(found), [
      'principal-not-allowed Statement[1].Principal',
      'invalid-sid Statement[1].Sid',
      'invalid-effect Statement[1].Effect',
      'invalid-action Statement[1].Action[0]',
      'invalid-resource Statement[1].Resource[0]',
    ]);
    assert.ok(found.every((p) => p.statement === 1 && p.sid === 'bad-sid'));
    assert.equal(found[2].message, 'effect `allow` must be `Allow` or `Deny`');
  });

  test('Action and NotAction together conflict; a missing Resource is reported', () => {
    assert.deepEqual(codes(problems(aws({ Effect: 'Allow', Action: 'iam:*', NotAction: 'iam:Get*' }))), [
      'conflicting-fields Statement[0].NotAction',
      'missing-field Statement[0].Resource',
    ]);
  });

  test('condition operators, keys and values are checked', () => {
    const found = problems(
      aws({
        Effect: 'Allow',
        Action: 'iam:GetUser',
        Resource: '*',
        Condition: {
          StringEqualz: { 'aws:username': 'a' },
          NumericLessThan: { 'aws:PrincipalTag/level': 'ten' },
          IpAddress: { 'aws:SourceIp': '300.1.1.1/8' },
          DateGreaterThan: { 'aws:CurrentTime': 'yesterday' },
          Bool: { 'aws:SecureTransport': 'yes' },
          'ForAnyValue:Null': { 'aws:TagKeys': 'true' },
          StringEquals: { 'no-prefix': 'x', 'aws:username': '${aws:TagKeys}', 'aws:userid': [] },
        },
      }),
    );
    assert.deepEqual(codes(found), [
      'unknown-operator Statement[0].Condition.StringEqualz',
      'invalid-condition-value Statement[0].Condition.NumericLessThan.aws:PrincipalTag/level[0]',
      'invalid-condition-value Statement[0].Condition.IpAddress.aws:SourceIp[0]',
      'invalid-condition-value Statement[0].Condition.DateGreaterThan.aws:CurrentTime[0]',
      'invalid-condition-value Statement[0].Condition.Bool.aws:SecureTransport[0]',
      'unknown-operator Statement[0].Condition.ForAnyValue:Null',
      'invalid-condition-key Statement[0].Condition.StringEquals.no-prefix',
      'invalid-variable Statement[0].Condition.StringEquals.aws:username[0]',
      'empty-list Statement[0].Condition.StringEquals.aws:userid',
    ]);
  });

  test('Sids must be unique', () => {
    const found = problems({ Version: '2012-10-17', Statement: [
      { Sid: 'A', Effect: 'Allow', Action: 'iam:GetUser', Resource: '*' },
      { Sid: 'A', Effect: 'Deny', Action: 'iam:GetUser', Resource: '*' },
    ] });
    assert.deepEqual(codes(found), ['duplicate-sid Statement[1].Sid']);
  });

  test('versions, unknown fields, malformed JSON', () => {
    assert.deepEqual(codes(problems({ Version: '2012-10-18', Statement: [] })), ['unsupported-version Version', 'empty-list Statement']);
    assert.deepEqual(codes(problems({ Version: '2012-10-17', Statement: [], Extra: 1 })), ['unknown-field Extra', 'empty-list Statement']);
    assert.deepEqual(codes(problems('{"Version":')), ['malformed-json ']);
    assert.deepEqual(codes(problems('[]')), ['wrong-type ']);
  });

  test('size limits count characters without whitespace: 6144 managed, 2048 inline', () => {
    const padded = (n: number) => aws({ Sid: 'A'.repeat(n), Effect: 'Allow', Action: 'iam:GetUser', Resource: '*' });
    const base = JSON.stringify(padded(0)).length;
    const atLimit = JSON.stringify(padded(6144 - base), null, 8);
    assert.deepEqual(problems(atLimit), []);
    const over = problems(JSON.stringify(padded(6145 - base)));
    assert.deepEqual(codes(over), ['too-large ']);
    assert.equal(over[0].limit, 6144);
    assert.deepEqual(codes(problems(JSON.stringify(padded(2049 - base)), 'aws', 'inline-user')), ['too-large ']);
  });

  test('Kingsoft resources are KRNs', () => {
    const doc = aws({ Effect: 'Allow', Action: 'iam:GetUser', Resource: 'arn:aws:iam::1:user/a' });
    assert.deepEqual(codes(problems(doc, 'kingsoft')), ['invalid-resource Statement[0].Resource[0]']);
    assert.deepEqual(problems(aws({ Effect: 'Allow', Action: 'iam:GetUser', Resource: 'krn:ksc:iam::1:user/a' }), 'kingsoft'), []);
  });
});

describe('Huawei v5 syntax', () => {
  const v5 = (statement: Record<string, unknown>) => ({ Version: '5.0', Statement: [statement] });

  test('accepts the documented grammar, Resource optional', () => {
    assert.deepEqual(
      problems(v5({ Effect: 'Allow', Action: ['iam:users:createLoginProfileV5', 'iam::tagForResourceV5'], Condition: { StringEndWithIfExists: { 'g:UserName': ['x'] }, Bool: { 'g:MFAPresent': ['true'] } } }), 'huawei-v5'),
      [],
    );
  });

  test('requires Version 5.0 and Huawei action and URN forms', () => {
    assert.deepEqual(codes(problems({ Version: '1.1', Statement: [{ Effect: 'Allow', Action: ['iam:CreateUser'], Resource: ['arn:aws:iam::1:user/a'] }] }, 'huawei-v5')), [
      'unsupported-version Version',
      'invalid-action Statement[0].Action[0]',
      'invalid-resource Statement[0].Resource[0]',
    ]);
  });

  test('a 6144-byte limit on the compact document', () => {
    const long = v5({ Sid: 'é'.repeat(3100), Effect: 'Allow', Action: ['iam:*:*'] });
    assert.deepEqual(codes(problems(long, 'huawei-v5')), ['too-large ']);
  });
});

describe('Volcengine syntax', () => {
  test('accepts the documented example without Version', () => {
    const doc = { Statement: [{ Effect: 'Allow', Action: ['iam:CreateLoginProfile'], Resource: ['*'], Condition: { IpAddress: { 'volc:SourceIp': '8.8.8.8' } } }] };
    assert.deepEqual(problems(doc, 'volcengine'), []);
  });

  test('TRN resources; ARN operators do not exist', () => {
    const doc = { Statement: [{ Effect: 'Allow', Action: ['iam:GetUser'], Resource: ['arn:aws:iam::1:user/a'], Condition: { ArnLike: { 'volc:PrincipalTrn': 'trn:iam::1:user/*' } } }] };
    assert.deepEqual(codes(problems(doc, 'volcengine')), ['invalid-resource Statement[0].Resource[0]', 'unknown-operator Statement[0].Condition.ArnLike']);
  });
});

test('requirePolicyDocument throws the first problem as a core error', () => {
  assert.throws(() => requirePolicyDocument('{}', 'aws'), (err) => err instanceof InvalidInputError && err.field === 'Statement');
  const huge = JSON.stringify(aws({ Sid: 'A'.repeat(7000), Effect: 'Allow', Action: 'iam:*', Resource: '*' }));
  assert.throws(() => requirePolicyDocument(huge, 'aws'), (err) => err instanceof LimitExceededError && err.limit === 6144);
});

test('IPv4 and IPv6 parsing', () => {
  assert.deepEqual(parseIp('10.0.0.1'), { version: 4, value: 0x0a000001 });
  assert.equal(parseIp('010.0.0.1'), null);
  assert.equal(parseIp('1.2.3'), null);
  assert.equal(parseIp('2001:db8::1::2'), null);
  assert.deepEqual(parseIp('::ffff:10.0.0.1'), { version: 4, value: 0x0a000001 });
  assert.deepEqual(parseIp('::1'), { version: 6, value: 1n });
  const range = parseCidr('2001:db8::/32')!;
  assert.ok(isInRange(parseIp('2001:db8:ffff::1')!, range));
  assert.ok(!isInRange(parseIp('2001:db9::')!, range));
  assert.ok(isInRange(parseIp('203.0.113.77')!, parseCidr('203.0.113.5/24')!));
  assert.ok(isInRange(parseIp('10.0.0.1')!, parseCidr('::ffff:10.0.0.0/104')!));
  assert.equal(parseCidr('10.0.0.0/33'), null);
});

test('date values', () => {
  assert.equal(parseDate('2024-06-01T12:00:00Z'), Date.UTC(2024, 5, 1, 12));
  assert.equal(parseDate('2024-06-01T14:00:00+0200'), Date.UTC(2024, 5, 1, 12));
  assert.equal(parseDate('2024-06-01T12:00'), Date.UTC(2024, 5, 1, 12));
  assert.equal(parseDate('1717243200'), Date.UTC(2024, 5, 1, 12));
  assert.equal(parseDate('June 1st'), null);
});
