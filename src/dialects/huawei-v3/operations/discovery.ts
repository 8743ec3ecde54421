import type { Account } from '../../../core/accounts/account.js';
import { KeystoneHttpError } from '../errors.js';
import { callerOf, listLinks, type V3Call, type V3Operation } from '../operation.js';
import { onlyKnownQuery, pathId, queryValue } from '../rules.js';
import { catalog, renderDomain } from '../shapes.js';
import { versionDocument } from '../versions.js';
import { listDomainsForOperator, showDomainForOperator } from './domains.js';
import { asOperator } from './operator-scope.js';

/** The caller's account, the one domain it can see; reading it is audited like any call. */
async function ownDomain(call: V3Call, action: string): Promise<Account> {
  const ctx = callerOf(call);
  const account = await call.services.accounts.findById(ctx.principal.accountId);
  if (!account) throw new KeystoneHttpError(404, `could not find domain \`${ctx.principal.accountId}\``);
  call.services.audit.success(ctx, action, `domain/${account.name}`);
  return account;
}

/**
 * Version discovery, domains. keystoneauth reads the version document before it signs in
 * (openstackclient), and resolves `--domain NAME` through /v3/domains; the Huawei SDK reads
 * /v3/auth/domains to learn the domain id when built with a region.
 */
export const discoveryOperations: V3Operation[] = [
  {
    // Keystone GET /v3: the version document (keystoneListVersions / keystoneShowVersion)
    name: 'keystoneShowVersion',
    method: 'GET',
    url: '/',
    access: 'none',
    async run(call) {
      return { status: 200, body: { version: versionDocument(call.origin) } };
    },
  },
  {
    // Keystone GET /v3/auth/catalog (Huawei KeystoneShowCatalog): the catalog a scoped token carries
    name: 'keystoneShowCatalog',
    method: 'GET',
    url: '/auth/catalog',
    access: 'required',
    async run(call) {
      const ctx = callerOf(call);
      call.services.audit.success(ctx, 'keystoneShowCatalog', `user/${ctx.principal.userName}`);
      return { status: 200, body: { catalog: catalog(call.origin, await call.services.catalog.entries(ctx.principal.accountId)), links: { self: `${call.origin}/v3/auth/catalog`, previous: null, next: null } } };
    },
  },
  {
    name: 'keystoneListAuthDomains',
    method: 'GET',
    url: '/auth/domains',
    access: 'required',
    async run(call) {
      const account = await ownDomain(call, 'keystoneListAuthDomains');
      return { status: 200, body: { domains: [renderDomain(account, call.origin)], links: { self: `${call.origin}/v3/auth/domains` } } };
    },
  },
  {
    // Keystone GET /v3/domains?name=: only the caller's own domain is ever listed
    name: 'keystoneListDomains',
    method: 'GET',
    url: '/domains',
    access: 'required',
    async run(call) {
      // a cloud operator (issue #16) sees every domain
      if (await asOperator(call)) return listDomainsForOperator(call);
      onlyKnownQuery(call, ['name', 'enabled']);
      const account = await ownDomain(call, 'keystoneListDomains');
      const name = queryValue(call, 'name');
      const matches = name === undefined || name.toLowerCase() === account.name.toLowerCase();
      return { status: 200, body: { domains: matches ? [renderDomain(account, call.origin)] : [], links: listLinks(call) } };
    },
  },
  {
    name: 'keystoneShowDomain',
    method: 'GET',
    url: '/domains/:domain_id',
    access: 'required',
    async run(call) {
      const id = pathId(call, 'domain_id');
      if (await asOperator(call)) return showDomainForOperator(call, id);
      const account = await ownDomain(call, 'keystoneShowDomain');
      if (id !== account.id) throw new KeystoneHttpError(404, `could not find domain \`${id}\``);
      return { status: 200, body: { domain: renderDomain(account, call.origin) } };
    },
  },
];
