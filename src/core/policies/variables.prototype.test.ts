/** @see #9: `${toString}` in a Resource read Object.prototype.toString as an escape */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { splitTemplate } from './variables.js';

test('a policy variable named like an Object.prototype member is an unknown variable, never an escape', () => {
  for (const name of ['toString', 'constructor', '__proto__', 'hasOwnProperty', 'valueOf']) {
    const result = splitTemplate('aws', `arn:aws:iam::123456789012:user/\${${name}}`);
    assert.ok('error' in result, `\${${name}} is refused`);
  }
  assert.deepEqual(splitTemplate('aws', 'a${*}b'), { parts: ['a', { escaped: '*' }, 'b'] });
});
