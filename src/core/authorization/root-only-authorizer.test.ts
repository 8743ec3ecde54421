import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { IamError } from '../errors.js';
import { contextOf } from '../tokens/testing.js';
import { Actions } from './actions.js';
import { AccountAdminAuthorizer, RootOnlyAuthorizer, type AdminDirectory } from './root-only-authorizer.js';

const ACCOUNT = 'a'.repeat(32);
const ROOT = 'r'.repeat(32);
const ADMIN = 'd'.repeat(32);
const USER = 'u'.repeat(32);

const directory: AdminDirectory = {
  isAdmin: async (accountId, userId) => accountId === ACCOUNT && userId === ADMIN,
  isRootUser: async (_accountId, user) => user.id === ROOT || user.name?.toLowerCase() === 'acme',
};
const as = (userId: string, isRoot = false) => contextOf({ accountId: ACCOUNT, userId, userName: userId.slice(0, 4), isRoot });
const user = (id?: string, name?: string) => ({ type: 'user' as const, accountId: ACCOUNT, ...(id ? { id } : {}), ...(name ? { name } : {}) });
const denied = (reason: string) => (err: unknown) => (err as IamError).kind === 'access-denied' && (err as { reason?: string }).reason === reason;

describe('AccountAdminAuthorizer', () => {
  const authorizer = new AccountAdminAuthorizer(directory);

  it('lets the root and admin group members manage the account', async () => {
    await authorizer.authorize(as(ROOT, true), Actions.deleteUser, user(USER));
    await authorizer.authorize(as(ADMIN), Actions.deleteUser, user(USER));
    await authorizer.authorize(as(ADMIN), Actions.createGroup, { type: 'group', accountId: ACCOUNT, name: 'x' });
  });

  it('lets an administrator look at the root user but not change it', async () => {
    await authorizer.authorize(as(ADMIN), Actions.getUser, user(ROOT));
    await authorizer.authorize(as(ADMIN), Actions.getLoginProfile, user(ROOT));
    await assert.rejects(authorizer.authorize(as(ADMIN), Actions.updateLoginProfile, user(ROOT)), denied('root-only'));
    await assert.rejects(authorizer.authorize(as(ADMIN), Actions.createAccessKey, user(undefined, 'ACME')), denied('root-only'));
    await authorizer.authorize(as(ROOT, true), Actions.updateLoginProfile, user(ROOT));
  });

  it('lets any user read itself, and nothing else (its password change is granted by the password policy)', async () => {
    await authorizer.authorize(as(USER), Actions.getUser, user(USER));
    await assert.rejects(authorizer.authorize(as(USER), Actions.changePassword, user(USER)), denied('implicit-deny'));
    await assert.rejects(authorizer.authorize(as(USER), Actions.getUser, user(ADMIN)), denied('implicit-deny'));
    await assert.rejects(authorizer.authorize(as(USER), Actions.updateUser, user(USER)), denied('implicit-deny'));
    await assert.rejects(authorizer.authorize(as(USER), Actions.listUsers, user()), denied('implicit-deny'));
  });

  it('never crosses accounts, not even for the root', async () => {
    const foreign = { type: 'user' as const, accountId: 'b'.repeat(32), id: USER };
    await assert.rejects(authorizer.authorize(as(ROOT, true), Actions.getUser, foreign), denied('not-allowed'));
  });

  it('RootOnlyAuthorizer knows no administrators', async () => {
    await assert.rejects(new RootOnlyAuthorizer().authorize(as(ADMIN), Actions.listUsers, user()), denied('implicit-deny'));
  });
});
