/** In-memory fakes of the repositories issue #15 added, held to the same store contract as SQL. */
import type { OidcProviderRepository, ResourceTagRepository, ServerCertificateRepository, TaggedResourceKind, UserCredentialRepository } from '../ports.js';
import type { OidcProvider } from '../identity-providers/identity-provider.js';
import type { ServerCertificate } from '../user-credentials/server-certificate.js';
import type { UserCredential, UserCredentialKind } from '../user-credentials/user-credential.js';
import type { Tag } from '../users/user.js';
import { checkUnique, compareBytewise, copy, requireParent, type TablesHolder } from './in-memory-tables.js';

export class InMemoryResourceTagRepository implements ResourceTagRepository {
  constructor(private readonly db: TablesHolder) {}

  async list(kind: TaggedResourceKind, resourceId: string): Promise<Tag[]> {
    const tags = this.db.tables.resourceTags.get(`${kind}/${resourceId}`);
    return tags ? [...tags.entries()].sort(([a], [b]) => compareBytewise(a, b)).map(([, t]) => copy(t)) : [];
  }

  async put(kind: TaggedResourceKind, resourceId: string, tags: Tag[]): Promise<void> {
    if (tags.length === 0) return;
    const key = `${kind}/${resourceId}`;
    const current = this.db.tables.resourceTags.get(key) ?? new Map<string, Tag>();
    for (const t of tags) current.set(t.key.toLowerCase(), copy(t));
    this.db.tables.resourceTags.set(key, current);
  }

  async remove(kind: TaggedResourceKind, resourceId: string, keys: string[]): Promise<void> {
    const current = this.db.tables.resourceTags.get(`${kind}/${resourceId}`);
    for (const k of keys) current?.delete(k.toLowerCase());
  }

  async removeAll(kind: TaggedResourceKind, resourceId: string): Promise<void> {
    this.db.tables.resourceTags.delete(`${kind}/${resourceId}`);
  }
}

export class InMemoryUserCredentialRepository implements UserCredentialRepository {
  constructor(private readonly db: TablesHolder) {}

  async create(c: UserCredential): Promise<void> {
    const t = this.db.tables;
    requireParent(t.users.has(c.userId), 'user_credentials', 'user_id');
    checkUnique(t.userCredentials.values(), c, () => false, [(r) => r.id, (r) => `${r.userId}/${r.kind}/${r.fingerprint}`], c.kind, c.fingerprint);
    t.userCredentials.set(c.id, copy(c));
  }

  async find(userId: string, kind: UserCredentialKind, id: string): Promise<UserCredential | undefined> {
    const row = this.db.tables.userCredentials.get(id);
    return row && row.userId === userId && row.kind === kind ? copy(row) : undefined;
  }

  async listByUser(userId: string, kind: UserCredentialKind): Promise<UserCredential[]> {
    return [...this.db.tables.userCredentials.values()]
      .filter((c) => c.userId === userId && c.kind === kind)
      .sort((a, b) => a.createdAt - b.createdAt || compareBytewise(a.id, b.id))
      .map(copy);
  }

  async countByUser(userId: string, kind: UserCredentialKind): Promise<number> {
    return (await this.listByUser(userId, kind)).length;
  }

  async update(c: UserCredential): Promise<void> {
    const row = this.db.tables.userCredentials.get(c.id);
    if (row && row.userId === c.userId) Object.assign(row, { status: c.status, sealedSecret: c.sealedSecret, updatedAt: c.updatedAt });
  }

  async delete(userId: string, kind: UserCredentialKind, id: string): Promise<boolean> {
    const row = this.db.tables.userCredentials.get(id);
    if (!row || row.userId !== userId || row.kind !== kind) return false;
    return this.db.tables.userCredentials.delete(id);
  }
}

export class InMemoryServerCertificateRepository implements ServerCertificateRepository {
  constructor(private readonly db: TablesHolder) {}

  async create(c: ServerCertificate): Promise<void> {
    const t = this.db.tables;
    requireParent(t.accounts.has(c.accountId), 'server_certificates', 'account_id');
    checkUnique(t.serverCertificates.values(), c, () => false, [(r) => r.id, (r) => `${r.accountId}/${r.name.toLowerCase()}`], 'server-certificate', c.name);
    t.serverCertificates.set(c.id, copy(c));
  }

  async findByName(accountId: string, name: string): Promise<ServerCertificate | undefined> {
    const row = [...this.db.tables.serverCertificates.values()].find((c) => c.accountId === accountId && c.name.toLowerCase() === name.toLowerCase());
    return row && copy(row);
  }

  async list(accountId: string): Promise<ServerCertificate[]> {
    return [...this.db.tables.serverCertificates.values()]
      .filter((c) => c.accountId === accountId)
      .sort((a, b) => compareBytewise(a.name.toLowerCase(), b.name.toLowerCase()))
      .map(copy);
  }

  async count(accountId: string): Promise<number> {
    return (await this.list(accountId)).length;
  }

  async update(c: ServerCertificate): Promise<void> {
    const t = this.db.tables;
    const row = t.serverCertificates.get(c.id);
    if (!row || row.accountId !== c.accountId) return;
    const next = { ...row, name: c.name, path: c.path, updatedAt: c.updatedAt };
    checkUnique(t.serverCertificates.values(), next, (r) => r.id === next.id, [(r) => `${r.accountId}/${r.name.toLowerCase()}`], 'server-certificate', c.name);
    t.serverCertificates.set(c.id, next);
  }

  async delete(accountId: string, id: string): Promise<boolean> {
    const row = this.db.tables.serverCertificates.get(id);
    if (!row || row.accountId !== accountId) return false;
    return this.db.tables.serverCertificates.delete(id);
  }
}

export class InMemoryOidcProviderRepository implements OidcProviderRepository {
  constructor(private readonly db: TablesHolder) {}

  async create(p: OidcProvider): Promise<void> {
    const t = this.db.tables;
    requireParent(t.accounts.has(p.accountId), 'oidc_providers', 'account_id');
    checkUnique(t.oidcProviders.values(), p, () => false, [(r) => r.id, (r) => `${r.accountId}/${r.url}`], 'oidc-provider', p.url);
    t.oidcProviders.set(p.id, copy(p));
  }

  async find(accountId: string, url: string): Promise<OidcProvider | undefined> {
    const row = [...this.db.tables.oidcProviders.values()].find((p) => p.accountId === accountId && p.url === url);
    return row && copy(row);
  }

  async list(accountId: string): Promise<OidcProvider[]> {
    return [...this.db.tables.oidcProviders.values()].filter((p) => p.accountId === accountId).sort((a, b) => compareBytewise(a.url, b.url)).map(copy);
  }

  async update(p: OidcProvider): Promise<void> {
    const row = this.db.tables.oidcProviders.get(p.id);
    if (row && row.accountId === p.accountId) Object.assign(row, { clientIds: [...p.clientIds], thumbprints: [...p.thumbprints], updatedAt: p.updatedAt });
  }

  async delete(accountId: string, url: string): Promise<boolean> {
    const row = [...this.db.tables.oidcProviders.values()].find((p) => p.accountId === accountId && p.url === url);
    return row ? this.db.tables.oidcProviders.delete(row.id) : false;
  }
}
