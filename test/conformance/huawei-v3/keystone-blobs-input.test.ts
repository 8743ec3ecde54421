/**
 * Hostile input on every route of domain configuration, `/v3/policies` and OAuth1 consumers (issue
 * #16): wrong JSON types, prototype names, deep nesting, oversize values and path segments. Each answer
 * is a Keystone error envelope or a success, never a 5xx.
 * @see #16
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { domainConfigOperations } from '../../../src/dialects/huawei-v3/operations/domain-config.js';
import { oauthConsumerOperations } from '../../../src/dialects/huawei-v3/operations/oauth-consumers.js';
import { policyOperations } from '../../../src/dialects/huawei-v3/operations/policies.js';
import { startTestServer, type TestServer } from '../../support/server.js';
import { rootToken, send } from './support.js';

let deep: unknown = 'x';
for (let i = 0; i < 200; i++) deep = { a: deep };

const BODIES: unknown[] = [
  '',
  'null',
  '[]',
  '"text"',
  '{"config": ',
  { config: null },
  { config: [] },
  { config: { __proto__: { driver: 'x' } } },
  JSON.parse('{"config": {"__proto__": {"driver": "x"}}}'),
  { config: { identity: { driver: deep } } },
  { config: { identity: { list_limit: 1e308 } } },
  { config: { ldap: { url: ['a', { b: null }] } } },
  { config: { constructor: { prototype: 1 } } },
  { policy: null },
  { policy: { blob: null, type: null } },
  { policy: { blob: ['x'], type: {} } },
  { policy: { blob: 'x', type: 'x', id: 5 } },
  JSON.parse('{"policy": {"__proto__": {"blob": "x"}, "type": "x"}}'),
  { consumer: null },
  { consumer: 'x' },
  { consumer: { description: {} } },
  { consumer: { id: ['x'] } },
  JSON.parse('{"consumer": {"__proto__": {"secret": "x"}}}'),
];

const SEGMENTS = ['__proto__', 'constructor', 'security_compliance', 'x'.repeat(65), '%00', 'ldap', 'identity'];

describe('huawei-v3 domain configuration, policies and consumers: hostile input', () => {
  let server: TestServer;
  let token: string;

  before(async () => {
    server = await startTestServer();
    token = await rootToken(server);
    await send(server, 'PUT', `/v3/domains/${server.root.account.id}/config`, { token, body: { config: { identity: { driver: 'ldap' } } } });
  });
  after(() => server.close());

  it('answers every route with a Keystone envelope, never a 5xx', async () => {
    const seen: string[] = [];
    let n = 0;
    for (const op of [...domainConfigOperations, ...policyOperations, ...oauthConsumerOperations]) {
      for (const body of op.method === 'GET' || op.method === 'DELETE' ? [undefined] : BODIES) {
        const segment = SEGMENTS[n++ % SEGMENTS.length]!;
        const path = `/v3${op.url}`.replace(':domain_id', n % 5 === 0 ? segment : server.root.account.id).replace(/:[a-z_]+/g, segment);
        const reply = await send(server, op.method, path, { token, ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }) });
        if (reply.status >= 500) seen.push(`${op.method} ${path} ${reply.status}: ${reply.text.slice(0, 160)}`);
        else if (reply.status >= 400) assert.equal(reply.body.error?.code, reply.status, `${op.method} ${path}: ${reply.text}`);
      }
    }
    assert.deepEqual(seen, []);
  });
});
