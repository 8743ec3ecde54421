import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import type { TokenClaims } from '../../core/tokens/token.js';
import { decodeToken, encodeToken, TOKEN_BYTES, tokenKeyId, type TokenKey } from './token-codec.js';

const key: TokenKey = { id: '0badc0de', key: randomBytes(32) };
const claims: TokenClaims = {
  tokenId: 'a'.repeat(32),
  accountId: '0123456789abcdef0123456789abcdef',
  userId: 'fedcba9876543210fedcba9876543210',
  methods: ['token', 'password'],
  scope: 'domain',
  issuedAt: 1_700_000_000_123,
  expiresAt: 1_700_086_400_123,
  passwordChangeOnly: true,
};

describe('token codec', () => {
  it('round-trips every claim, and names its key', () => {
    const token = encodeToken(claims, key);
    assert.equal(token.length, Math.ceil((TOKEN_BYTES * 4) / 3));
    assert.match(token, /^[A-Za-z0-9_-]+$/);
    assert.equal(tokenKeyId(token), key.id);
    assert.deepEqual(decodeToken(token, key), claims);
    const unscoped = { ...claims, scope: 'unscoped' as const, methods: ['password' as const], passwordChangeOnly: false };
    assert.deepEqual(decodeToken(encodeToken(unscoped, key), key), unscoped);
  });

  /** @see #16 */
  it('round-trips an operator system scope and a scope on another domain, and keeps them apart', () => {
    const system = { ...claims, scope: 'system' as const, passwordChangeOnly: false };
    assert.deepEqual(decodeToken(encodeToken(system, key), key), system);
    const other = { ...claims, domainId: '0'.repeat(31) + '1', passwordChangeOnly: false };
    const token = encodeToken(other, key);
    assert.deepEqual(decodeToken(token, key), other);
    // the same length as a project-scoped token, told apart by its sealed version byte
    const project = encodeToken({ ...claims, scope: 'project', projectId: '0'.repeat(31) + '1' }, key);
    assert.equal(token.length, project.length);
    assert.equal(decodeToken(project, key)?.domainId, undefined);
    assert.equal(decodeToken(project, key)?.scope, 'project');
  });

  it('never produces the same token twice (random IV)', () => {
    assert.notEqual(encodeToken(claims, key), encodeToken(claims, key));
  });

  it('refuses a token whose any byte was changed', () => {
    const raw = Buffer.from(encodeToken(claims, key), 'base64url');
    for (let i = 0; i < raw.length; i++) {
      const tampered = Buffer.from(raw);
      tampered[i] = tampered[i]! ^ 0x01;
      assert.equal(decodeToken(tampered.toString('base64url'), key), null, `byte ${i}`);
    }
  });

  it('refuses another key, a truncated or padded token, and a non-canonical spelling', () => {
    const token = encodeToken(claims, key);
    assert.equal(decodeToken(token, { id: key.id, key: randomBytes(32) }), null);
    assert.equal(decodeToken(token, { id: 'deadbeef', key: key.key }), null);
    assert.equal(decodeToken(token.slice(0, -1), key), null);
    assert.equal(decodeToken(`${token}A`, key), null);
    assert.equal(decodeToken(`${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`, key), null);
    assert.equal(decodeToken('', key), null);
    assert.equal(decodeToken('not a token at all', key), null);
    assert.equal(tokenKeyId('x'.repeat(10)), null);
  });

  it('refuses to seal ids that are not 32 hex', () => {
    assert.throws(() => encodeToken({ ...claims, userId: 'alice' }, key));
    assert.throws(() => encodeToken(claims, { id: 'k1', key: key.key }));
  });
});
