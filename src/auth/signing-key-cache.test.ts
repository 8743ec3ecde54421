import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AccessKeysService, SigningIdentity } from '../core/access-keys/access-keys-service.js';
import { ChangeFeed } from '../core/change-feed.js';
import { AdjustableClock } from '../core/clock.js';
import { SecretAccessKey } from '../core/secrets.js';
import { SigningKeyCache } from './signing-key-cache.js';

function setup() {
  const identity = {
    principal: { accountId: 'a1', userId: 'u1', userName: 'alice', isRoot: false, authMethod: 'access-key', accessKeyId: 'AK1', mfaAuthenticated: false },
    user: { id: 'u1', accountId: 'a1' },
    secret: new SecretAccessKey('sk'),
  } as unknown as SigningIdentity;
  let lookups = 0;
  const keys = { resolveSigningKey: async () => (lookups++, identity) } as unknown as AccessKeysService;
  const clock = new AdjustableClock();
  const changes = new ChangeFeed();
  return { cache: new SigningKeyCache(keys, clock, changes, 5_000), identity, clock, changes, lookups: () => lookups };
}

describe('SigningKeyCache.peek', () => {
  it('answers only for a key resolved within the TTL, and never looks anything up itself', async () => {
    const { cache, identity, clock, lookups } = setup();
    assert.equal(cache.peek('AK1'), undefined);
    assert.equal(await cache.resolve('AK1'), identity);
    assert.equal(cache.peek('AK1'), identity);
    clock.advance(5_000);
    assert.equal(cache.peek('AK1'), undefined, 'expired like resolve');
    assert.equal(lookups(), 1);
  });

  it('forgets a key the change feed drops', async () => {
    const { cache, changes } = setup();
    await cache.resolve('AK1');
    changes.emit({ kind: 'access-key', id: 'AK1' });
    assert.equal(cache.peek('AK1'), undefined);
  });
});
