import assert from 'node:assert/strict';
import { beforeEach, describe, it } from 'node:test';
import { AccountsService } from '../accounts/accounts-service.js';
import { CredentialsService } from '../credentials/sign-in.js';
import type { IamError } from '../errors.js';
import { LoginProfilesService } from '../login-profiles/login-profiles-service.js';
import type { CallContext } from '../principal.js';
import { PlainPassword } from '../secrets.js';
import { GroupsService } from '../users/groups-service.js';
import { UsersService } from '../users/users-service.js';
import type { TokenRevocationRepository } from './ports.js';
import { contextOf, testDeps, type TestDeps } from './testing.js';
import type { TokenClaims, TokenRevocation } from './token.js';
import { TokensService } from './tokens-service.js';

class MemoryRevocations implements TokenRevocationRepository {
  rows: TokenRevocation[] = [];
  async add(r: TokenRevocation) {
    if (!this.rows.some((x) => x.tokenId === r.tokenId)) this.rows.push(r);
  }
  async listSince(since: number, now: number) {
    return this.rows.filter((r) => r.revokedAt >= since && r.expiresAt > now);
  }
  async purgeExpired(now: number) {
    const before = this.rows.length;
    this.rows = this.rows.filter((r) => r.expiresAt > now);
    return before - this.rows.length;
  }
}

const facts = { requestId: 'r1', dialect: 'test', sourceIp: '127.0.0.1' };
const pw = (text: string) => new PlainPassword(text);
const failed = (kind: string, reason?: string) => (err: unknown) =>
  (err as IamError).kind === kind && (reason === undefined || (err as { reason?: string }).reason === reason);

describe('TokensService', () => {
  let deps: TestDeps;
  let tokens: TokensService;
  let revocations: MemoryRevocations;
  let root: CallContext;
  let accountId: string;
  let aliceId: string;

  beforeEach(async () => {
    deps = testDeps();
    revocations = new MemoryRevocations();
    const store = deps.store;
    tokens = new TokensService(deps, new CredentialsService(deps), revocations, {
      accountIdOfUser: async (id) => (await store.users.findById(accountId, id))?.accountId,
    });
    const created = await new AccountsService(deps).create('acme', pw('AcmeRoot#2024'));
    accountId = created.account.id;
    root = contextOf({ accountId, userId: created.root.id, userName: 'acme', isRoot: true });
    const alice = await new UsersService(deps).create(root, { name: 'alice' });
    aliceId = alice.id;
    await new LoginProfilesService(deps).create(root, { id: alice.id }, { password: pw('Alice#2024x'), passwordResetRequired: false });
  });

  it('signs the root in by user and domain name, or by user id, as an administrator', async () => {
    const byName = await tokens.signIn(facts, { user: { name: 'ACME', domain: { name: 'acme' } }, password: pw('AcmeRoot#2024') });
    assert.equal(byName.subject.user.isRoot, true);
    assert.equal(byName.subject.isAdmin, true);
    assert.equal(byName.passwordChangeOnly, false);
    const byId = await tokens.signIn(facts, { user: { id: aliceId }, password: pw('Alice#2024x') });
    assert.equal(byId.subject.user.name, 'alice');
    assert.equal(byId.subject.isAdmin, false);
    const byDomainId = await tokens.signIn(facts, { user: { name: 'alice', domain: { id: accountId } }, password: pw('Alice#2024x') });
    assert.equal(byDomainId.subject.account.name, 'acme');
    assert.ok(deps.sink.events().some((e) => e.action === 'iam:tokens:createToken' && e.outcome === 'success' && e.principalUserId === aliceId));
  });

  it('refuses alike an unknown domain, an unknown user and a wrong password, and counts toward lockout', async () => {
    await assert.rejects(tokens.signIn(facts, { user: { name: 'alice', domain: { name: 'nope' } }, password: pw('Alice#2024x') }), failed('authentication-failed', 'bad-credentials'));
    await assert.rejects(tokens.signIn(facts, { user: { id: 'f'.repeat(32) }, password: pw('x') }), failed('authentication-failed', 'bad-credentials'));
    for (let i = 0; i < 4; i++) {
      await assert.rejects(tokens.signIn(facts, { user: { id: aliceId }, password: pw('wrong') }), failed('authentication-failed', 'bad-credentials'));
    }
    // the fifth wrong password (default policy: 5) locks; then even the right one is refused
    await assert.rejects(tokens.signIn(facts, { user: { id: aliceId }, password: pw('wrong') }), failed('authentication-failed', 'locked'));
    await assert.rejects(tokens.signIn(facts, { user: { id: aliceId }, password: pw('Alice#2024x') }), failed('authentication-failed', 'locked'));
    deps.clock.advance(15 * 60_000);
    await tokens.signIn(facts, { user: { id: aliceId }, password: pw('Alice#2024x') });
    assert.ok(deps.sink.events().some((e) => e.action === 'iam:tokens:createToken' && e.outcome === 'denied' && e.reason === 'locked'));
  });

  it('grants a password-change-only token when the password must be reset, and refuses a disabled user', async () => {
    await new LoginProfilesService(deps).update(root, { id: aliceId }, { passwordResetRequired: true });
    const grant = await tokens.signIn(facts, { user: { id: aliceId }, password: pw('Alice#2024x') });
    assert.equal(grant.passwordChangeOnly, true);
    await new UsersService(deps).update(root, { id: aliceId }, { enabled: false });
    await assert.rejects(tokens.signIn(facts, { user: { id: aliceId }, password: pw('Alice#2024x') }), failed('authentication-failed', 'user-disabled'));
  });

  it('loads the subject with its admin rights from the admin group', async () => {
    const groups = new GroupsService(deps);
    const admin = await groups.get(root, { name: 'admin' });
    await groups.addUser(root, { id: admin.id }, { id: aliceId });
    const subject = await tokens.loadSubject(accountId, aliceId);
    assert.equal(subject?.isAdmin, true);
    assert.equal(typeof subject?.passwordChangedAt, 'number');
    assert.equal(await tokens.loadSubject(accountId, 'f'.repeat(32)), undefined);
  });

  it('revokes its own token, or another user\'s as an administrator but never the root\'s', async () => {
    const now = deps.clock.now();
    const claimsOf = (userId: string): TokenClaims => ({
      tokenId: Math.random().toString(16).slice(2).padEnd(32, '0'),
      accountId,
      userId,
      methods: ['password'],
      scope: 'domain',
      issuedAt: now,
      expiresAt: now + 1000,
      passwordChangeOnly: false,
    });
    const alice = contextOf({ accountId, userId: aliceId, userName: 'alice', isRoot: false });
    await tokens.revoke(alice, claimsOf(aliceId));
    await assert.rejects(tokens.revoke(alice, claimsOf(root.principal.userId)), failed('access-denied'));
    await tokens.authorizeValidation(alice, claimsOf(aliceId));
    await assert.rejects(tokens.authorizeValidation(alice, claimsOf(root.principal.userId)), failed('access-denied'));
    await tokens.revoke(root, claimsOf(aliceId));
    assert.equal((await tokens.revocationsSince(0)).length, 2);
    deps.clock.advance(2000);
    assert.equal((await tokens.revocationsSince(0)).length, 0, 'expired tokens need no revocation');
  });
});
