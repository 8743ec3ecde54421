/** @see #13 Huawei session policies in the v3 syntax (`Version` `1.1`) read as v5 documents */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Actions } from '../authorization/actions.js';
import { huaweiV3PolicyAsV5 } from './huawei-v3-policy.js';
import { parsePolicyDocument } from './parse.js';

const v3 = (...actions: string[]) => JSON.stringify({ Version: '1.1', Statement: [{ Effect: 'Allow', Action: actions, Resource: ['OBS:*:*:object:*'] }] });
const actionsOf = (text: string) => (JSON.parse(huaweiV3PolicyAsV5(text)) as { Statement: Array<{ Action: string[] }> }).Statement[0]!.Action;

describe('huaweiV3PolicyAsV5', () => {
  test('a v3 action name gains the v5 name of the same core action; other services are kept as written', () => {
    assert.deepEqual(actionsOf(v3('iam:users:listUsers', 'obs:object:GetObject')), ['iam:users:listUsers', Actions.listUsers, 'obs:object:GetObject']);
  });

  test('a wildcard is kept (it matches v5 names by itself) and the document parses as Version 5.0', () => {
    const text = huaweiV3PolicyAsV5(v3('iam:*:*'));
    assert.deepEqual(actionsOf(v3('iam:*:*')), ['iam:*:*']);
    const parsed = parsePolicyDocument(text, 'huawei-v5', { kind: 'session' });
    assert.ok(parsed.ok, JSON.stringify(parsed));
    assert.equal(parsed.value.version, '5.0');
  });

  test('any other version, and text that is not JSON, is left for the parser to judge', () => {
    const v5 = JSON.stringify({ Version: '5.0', Statement: [{ Effect: 'Allow', Action: ['iam:users:listUsers'] }] });
    assert.equal(huaweiV3PolicyAsV5(v5), v5);
    assert.equal(huaweiV3PolicyAsV5('{'), '{');
  });
});
