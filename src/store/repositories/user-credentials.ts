import type { Kysely, Selectable } from 'kysely';
import type { OidcProviderRepository, ServerCertificateRepository, UserCredentialRepository } from '../../core/ports.js';
import type { OidcProvider } from '../../core/identity-providers/identity-provider.js';
import type { ServerCertificate } from '../../core/user-credentials/server-certificate.js';
import type { UserCredential, UserCredentialKind } from '../../core/user-credentials/user-credential.js';
import { translateUnique } from '../errors.js';
import type { Database, OidcProvidersTable, ServerCertificatesTable, UserCredentialsTable } from '../schema.js';

export class KyselyUserCredentialRepository implements UserCredentialRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async create(c: UserCredential): Promise<void> {
    await translateUnique(c.kind, c.fingerprint, () => this.db.insertInto('user_credentials').values(toCredentialRow(c)).execute());
  }

  async find(userId: string, kind: UserCredentialKind, id: string): Promise<UserCredential | undefined> {
    const row = await this.db.selectFrom('user_credentials').selectAll().where('user_id', '=', userId).where('kind', '=', kind).where('id', '=', id).executeTakeFirst();
    return row && toCredential(row);
  }

  async listByUser(userId: string, kind: UserCredentialKind): Promise<UserCredential[]> {
    const rows = await this.db.selectFrom('user_credentials').selectAll().where('user_id', '=', userId).where('kind', '=', kind).orderBy('created_at').orderBy('id').execute();
    return rows.map(toCredential);
  }

  async countByUser(userId: string, kind: UserCredentialKind): Promise<number> {
    const row = await this.db
      .selectFrom('user_credentials')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('user_id', '=', userId)
      .where('kind', '=', kind)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async update(c: UserCredential): Promise<void> {
    await this.db
      .updateTable('user_credentials')
      .set({ status: c.status, sealed_secret: c.sealedSecret, updated_at: c.updatedAt })
      .where('user_id', '=', c.userId)
      .where('id', '=', c.id)
      .execute();
  }

  async delete(userId: string, kind: UserCredentialKind, id: string): Promise<boolean> {
    const result = await this.db.deleteFrom('user_credentials').where('user_id', '=', userId).where('kind', '=', kind).where('id', '=', id).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }
}

export class KyselyServerCertificateRepository implements ServerCertificateRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async create(c: ServerCertificate): Promise<void> {
    await translateUnique('server-certificate', c.name, () => this.db.insertInto('server_certificates').values(toCertificateRow(c)).execute());
  }

  async findByName(accountId: string, name: string): Promise<ServerCertificate | undefined> {
    const row = await this.db.selectFrom('server_certificates').selectAll().where('account_id', '=', accountId).where('name_lower', '=', name.toLowerCase()).executeTakeFirst();
    return row && toCertificate(row);
  }

  async list(accountId: string): Promise<ServerCertificate[]> {
    const rows = await this.db.selectFrom('server_certificates').selectAll().where('account_id', '=', accountId).orderBy('name_lower').execute();
    return rows.map(toCertificate);
  }

  async count(accountId: string): Promise<number> {
    const row = await this.db.selectFrom('server_certificates').select((eb) => eb.fn.countAll<number>().as('n')).where('account_id', '=', accountId).executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async update(c: ServerCertificate): Promise<void> {
    await translateUnique('server-certificate', c.name, () =>
      this.db
        .updateTable('server_certificates')
        .set({ name: c.name, name_lower: c.name.toLowerCase(), path: c.path, updated_at: c.updatedAt })
        .where('account_id', '=', c.accountId)
        .where('id', '=', c.id)
        .execute(),
    );
  }

  async delete(accountId: string, id: string): Promise<boolean> {
    const result = await this.db.deleteFrom('server_certificates').where('account_id', '=', accountId).where('id', '=', id).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }
}

function toCredentialRow(c: UserCredential): UserCredentialsTable {
  return {
    id: c.id,
    kind: c.kind,
    user_id: c.userId,
    account_id: c.accountId,
    status: c.status,
    body: c.body,
    fingerprint: c.fingerprint,
    service_name: c.serviceName,
    service_user_name: c.serviceUserName,
    sealed_secret: c.sealedSecret,
    created_at: c.createdAt,
    updated_at: c.updatedAt,
  };
}

function toCredential(row: Selectable<UserCredentialsTable>): UserCredential {
  return {
    id: row.id,
    kind: row.kind as UserCredentialKind,
    userId: row.user_id,
    accountId: row.account_id,
    status: row.status === 'Inactive' ? 'Inactive' : 'Active',
    body: row.body,
    fingerprint: row.fingerprint,
    serviceName: row.service_name,
    serviceUserName: row.service_user_name,
    sealedSecret: row.sealed_secret ?? null,
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
  };
}

function toCertificateRow(c: ServerCertificate): ServerCertificatesTable {
  return {
    id: c.id,
    account_id: c.accountId,
    name: c.name,
    name_lower: c.name.toLowerCase(),
    path: c.path,
    body: c.body,
    chain: c.chain,
    sealed_private_key: c.sealedPrivateKey,
    expires_at: c.expiresAt,
    uploaded_at: c.uploadedAt,
    updated_at: c.updatedAt,
  };
}

function toCertificate(row: Selectable<ServerCertificatesTable>): ServerCertificate {
  return {
    id: row.id,
    accountId: row.account_id,
    name: row.name,
    path: row.path,
    body: row.body,
    chain: row.chain ?? null,
    sealedPrivateKey: row.sealed_private_key,
    expiresAt: Number(row.expires_at),
    uploadedAt: Number(row.uploaded_at),
    updatedAt: Number(row.updated_at),
  };
}

export class KyselyOidcProviderRepository implements OidcProviderRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async create(p: OidcProvider): Promise<void> {
    await translateUnique('oidc-provider', p.url, () =>
      this.db
        .insertInto('oidc_providers')
        .values({ id: p.id, account_id: p.accountId, url: p.url, client_ids: JSON.stringify(p.clientIds), thumbprints: JSON.stringify(p.thumbprints), created_at: p.createdAt, updated_at: p.updatedAt })
        .execute(),
    );
  }

  async find(accountId: string, url: string): Promise<OidcProvider | undefined> {
    const row = await this.db.selectFrom('oidc_providers').selectAll().where('account_id', '=', accountId).where('url', '=', url).executeTakeFirst();
    return row && toOidc(row);
  }

  async list(accountId: string): Promise<OidcProvider[]> {
    return (await this.db.selectFrom('oidc_providers').selectAll().where('account_id', '=', accountId).orderBy('url').execute()).map(toOidc);
  }

  async update(p: OidcProvider): Promise<void> {
    await this.db
      .updateTable('oidc_providers')
      .set({ client_ids: JSON.stringify(p.clientIds), thumbprints: JSON.stringify(p.thumbprints), updated_at: p.updatedAt })
      .where('account_id', '=', p.accountId)
      .where('id', '=', p.id)
      .execute();
  }

  async delete(accountId: string, url: string): Promise<boolean> {
    const result = await this.db.deleteFrom('oidc_providers').where('account_id', '=', accountId).where('url', '=', url).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }
}

function toOidc(row: Selectable<OidcProvidersTable>): OidcProvider {
  return {
    id: row.id,
    accountId: row.account_id,
    url: row.url,
    clientIds: JSON.parse(row.client_ids) as string[],
    thumbprints: JSON.parse(row.thumbprints) as string[],
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
  };
}
