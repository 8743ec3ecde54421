import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkPassword, DEFAULT_PASSWORD_POLICY, passwordExpiresAt } from './password-policy.js';

const rules = (password: string, name = 'alice', policy = DEFAULT_PASSWORD_POLICY) =>
  checkPassword(policy, password, name).map((v) => v.rule);

test('default policy accepts two classes within 8-32 characters', () => {
  assert.deepEqual(rules('Password'), []);
  assert.deepEqual(rules('password1'), []);
});

test('default policy names every rule broken at once', () => {
  assert.deepEqual(rules('abc'), ['min-length', 'char-classes']);
  assert.deepEqual(rules('a'.repeat(33)), ['max-length', 'char-classes']);
});

test('the user name and its reverse are refused, case-insensitively', () => {
  assert.deepEqual(rules('Alice123', 'alice123'), ['not-user-name']);
  assert.deepEqual(rules('321ecila', 'alice123'), ['not-user-name']);
});

test('explicit class requirements and consecutive characters', () => {
  const policy = { ...DEFAULT_PASSWORD_POLICY, requireSymbols: true, requireUppercase: true, maxConsecutiveIdenticalChars: 2 };
  assert.deepEqual(rules('passsword1', 'bob', policy), ['require-uppercase', 'require-symbols', 'consecutive-identical-chars']);
});

test('non-printable characters are refused', () => {
  assert.deepEqual(rules('Passw\u00f6rd1'), ['invalid-characters']);
});

test('expiry follows the current max age', () => {
  assert.equal(passwordExpiresAt(DEFAULT_PASSWORD_POLICY, 1000), null);
  assert.equal(passwordExpiresAt({ ...DEFAULT_PASSWORD_POLICY, maxAgeDays: 1 }, 1000), 1000 + 86_400_000);
});
