/**
 * Protection-matrix rows of Keystone domain configuration, `/v3/policies` and OAuth1 consumers of the
 * v3 table (issue #16). Each row gives the fixture's account a configuration (the tempest one), a
 * policy and a consumer through core before the request is watched, so every path names something
 * that exists. The security_compliance reads need no permission (Keystone lets anyone of the domain
 * read them): the matrix classes them `self`.
 * @see #16
 */
import { systemContext } from '../../src/core/principal.js';
import type { V3Operation } from '../../src/dialects/huawei-v3/operation.js';
import type { V3Request } from './huawei-v3-keystone.js';
import type { Row } from './personas.js';

const CONFIG = { identity: { driver: 'ldap' }, ldap: { url: 'ldap://myldap.com:389/', user_tree_dn: 'ou=Users,dc=example,dc=org' } };

const BODIES: Record<string, unknown> = {
  keystoneCreateDomainConfig: { config: CONFIG },
  keystoneUpdateDomainConfig: { config: { ldap: { url: 'ldap://changed/' } } },
  keystoneUpdateDomainGroupConfig: { config: { identity: { driver: 'sql' } } },
  keystoneUpdateDomainGroupOptionConfig: { config: { driver: 'sql' } },
  keystoneCreatePolicy: { policy: { blob: '{}', type: 'application/json' } },
  keystoneUpdatePolicy: { policy: { type: 'text/plain' } },
  keystoneCreateConsumer: { consumer: { description: 'made' } },
  keystoneUpdateConsumer: { consumer: { description: 'changed' } },
};

/** A row for every domain-config, policy and consumer operation of the table. */
export function blobRows(operations: V3Operation[]): Record<string, Row<V3Request>> {
  const rows: Record<string, Row<V3Request>> = {};
  for (const op of operations) {
    if (!/^\/(domains\/(:domain_id\/)?config|policies|OS-OAUTH1\/consumers)/.test(op.url)) continue;
    rows[op.name] = async (_persona, fx, n, env) => {
      const s = env.server.polyiam.services;
      const ctx = systemContext(fx.account.id, 'system', 'system');
      await s.domainConfigs.create(ctx, CONFIG);
      const policy = await s.policyBlobs.create(ctx, { blob: `fx-blob-${n}`, type: 'application/json' });
      const consumer = await s.oauthConsumers.create(ctx, `fx-consumer-${n}`);
      fx.marks.push(policy.id, `fx-blob-${n}`, consumer.consumer.id, `fx-consumer-${n}`);
      // the defaults (`/domains/config/...`) are read of an `ldap` option, a domain's own of its `identity.driver`
      const isDefault = op.url.startsWith('/domains/config/');
      const option = op.url.includes('security_compliance') ? 'password_regex' : isDefault ? 'pool_size' : 'driver';
      const path = `/v3${op.url}`
        .replace(':domain_id', fx.account.id)
        .replace(':group', isDefault ? 'ldap' : 'identity')
        .replace(':option', option)
        .replace(':policy_id', policy.id)
        .replace(':consumer_id', consumer.consumer.id);
      const body = BODIES[op.name];
      return { req: { method: op.method, path, ...(body === undefined ? {} : { body }) } };
    };
  }
  return rows;
}
