/** @see #16 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import type { TokenClaims } from '../../core/tokens/token.js';
import { decodeToken, encodeToken, type TokenKey } from './token-codec.js';

const key: TokenKey = { id: '0badc0de', key: randomBytes(32) };
const claims: TokenClaims = {
  tokenId: 'b'.repeat(32),
  accountId: '0123456789abcdef0123456789abcdef',
  userId: 'fedcba9876543210fedcba9876543210',
  methods: ['application_credential'],
  scope: 'project',
  projectId: 'c'.repeat(32),
  applicationCredentialId: 'd'.repeat(32),
  issuedAt: 1_700_000_000_123,
  expiresAt: 1_700_086_400_123,
  passwordChangeOnly: false,
};

describe('token codec: tokens of application credentials', () => {
  it('round-trips the credential id and the application_credential method, apart from project tokens', () => {
    const token = encodeToken(claims, key);
    assert.deepEqual(decodeToken(token, key), claims);
    const { applicationCredentialId: _id, ...projectClaims } = claims;
    const project = encodeToken({ ...projectClaims, methods: ['password'] }, key);
    assert.notEqual(project.length, token.length);
    assert.equal(decodeToken(project, key)?.applicationCredentialId, undefined);
  });

  it('refuses a credential token cut to a project token\'s length, or with a flipped bit', () => {
    const token = encodeToken(claims, key);
    const raw = Buffer.from(token, 'base64url');
    raw[raw.length - 20] ^= 1;
    assert.equal(decodeToken(raw.toString('base64url'), key), null);
    assert.equal(decodeToken(token.slice(0, token.length - 22), key), null);
  });

  it('will not encode a credential token without a project', () => {
    assert.throws(() => encodeToken({ ...claims, scope: 'domain' }, key));
  });
});
