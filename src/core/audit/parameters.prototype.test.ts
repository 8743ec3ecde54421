/** @see #9 — found by the fuzzer after the audit trail (#14) merged: `Action=toString` answered 500 */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { auditParameters } from './parameters.js';

it('a client action named like an Object member keeps only the common parameters', () => {
  for (const action of ['toString', 'constructor', '__proto__', 'hasOwnProperty', 'valueOf']) {
    assert.doesNotThrow(() => auditParameters(action, new Map([['UserName', 'alice']])));
  }
});
