import { Actions } from '../authorization/actions.js';
import type { ResourceRef } from '../authorization/authorizer.js';
import { runCommand, type CoreDeps } from '../deps.js';
import { LimitExceededError, NotFoundError } from '../errors.js';
import type { Repositories } from '../ports.js';
import type { CallContext } from '../principal.js';
import { checkTagSet } from '../users/users-service.js';
import { MAX_TAGS_PER_USER, type Tag } from '../users/user.js';
import { checkPrivateKey, parseCertificate, parseChain } from './certificates.js';
import { MAX_SERVER_CERTIFICATES, type ServerCertificate } from './server-certificate.js';

export interface UploadServerCertificateInput {
  name: string;
  path?: string;
  body: string;
  /** SECURITY: sealed before it is stored, never returned, never logged or audited */
  privateKey: string;
  chain?: string;
  tags?: Tag[];
}

/** A server certificate as reads show it: everything but the private key. */
export type ServerCertificateView = Omit<ServerCertificate, 'sealedPrivateKey'> & { tags: Tag[] };

const resource = (accountId: string, name?: string): ResourceRef => ({ type: 'account', accountId, ...(name !== undefined ? { name } : {}) });

/** AWS server certificates: upload (certificate, chain, private key that must match), read, rename, delete, tags. */
export class ServerCertificatesService {
  constructor(private readonly deps: CoreDeps) {}

  /** @throws access-denied | invalid-input (malformed-certificate | key-pair-mismatch) | already-exists | limit-exceeded */
  upload(ctx: CallContext, input: UploadServerCertificateInput): Promise<ServerCertificateView> {
    const accountId = ctx.principal.accountId;
    const tags = input.tags ?? [];
    return runCommand(this.deps, ctx, Actions.uploadServerCertificate, resource(accountId, input.name), async () => {
      checkTagSet(tags, 'server-certificate');
      const parsed = parseCertificate(input.body);
      checkPrivateKey(parsed.certificate, input.privateKey);
      const chain = input.chain === undefined ? null : parseChain(input.chain);
      const now = this.deps.clock.now();
      const certificate: ServerCertificate = {
        id: `ASCA${this.deps.ids.awsUserId().slice(4)}`,
        accountId,
        name: input.name,
        path: input.path ?? '/',
        body: parsed.pem,
        chain,
        sealedPrivateKey: this.deps.secretBox.seal(input.privateKey),
        expiresAt: parsed.expiresAt,
        uploadedAt: now,
        updatedAt: now,
      };
      await this.deps.store.transaction(async (tx) => {
        if ((await tx.serverCertificates.count(accountId)) >= MAX_SERVER_CERTIFICATES) throw new LimitExceededError('server-certificate', MAX_SERVER_CERTIFICATES, 'account');
        await tx.serverCertificates.create(certificate);
        await tx.resourceTags.put('server-certificate', certificate.id, tags);
      });
      return viewOf(certificate, tags);
    }, { requestTags: tags });
  }

  /** @throws access-denied | not-found */
  get(ctx: CallContext, name: string): Promise<ServerCertificateView> {
    const { store } = this.deps;
    const accountId = ctx.principal.accountId;
    return runCommand(this.deps, ctx, Actions.getServerCertificate, resource(accountId, name), async () => {
      const found = await requireCertificate(store, accountId, name);
      return viewOf(found, await store.resourceTags.list('server-certificate', found.id));
    });
  }

  /** Ordered by lowercased name, optionally under a path prefix (case-sensitive). @throws access-denied */
  list(ctx: CallContext, pathPrefix?: string): Promise<ServerCertificateView[]> {
    const accountId = ctx.principal.accountId;
    return runCommand(this.deps, ctx, Actions.listServerCertificates, resource(accountId), async () =>
      (await this.deps.store.serverCertificates.list(accountId)).filter((c) => pathPrefix === undefined || c.path.startsWith(pathPrefix)).map((c) => viewOf(c, [])),
    );
  }

  /** Renames and/or moves. @throws access-denied | not-found | already-exists */
  update(ctx: CallContext, name: string, input: { newName?: string; newPath?: string }): Promise<void> {
    const accountId = ctx.principal.accountId;
    return runCommand(this.deps, ctx, Actions.updateServerCertificate, resource(accountId, name), () =>
      this.deps.store.transaction(async (tx) => {
        const found = await requireCertificate(tx, accountId, name);
        await tx.serverCertificates.update({ ...found, name: input.newName ?? found.name, path: input.newPath ?? found.path, updatedAt: this.deps.clock.now() });
      }),
    );
  }

  /** The certificate, its sealed key and its tags. @throws access-denied | not-found */
  delete(ctx: CallContext, name: string): Promise<void> {
    const accountId = ctx.principal.accountId;
    return runCommand(this.deps, ctx, Actions.deleteServerCertificate, resource(accountId, name), () =>
      this.deps.store.transaction(async (tx) => {
        const found = await requireCertificate(tx, accountId, name);
        await tx.serverCertificates.delete(accountId, found.id);
        await tx.resourceTags.removeAll('server-certificate', found.id);
      }),
    );
  }

  /** @throws access-denied | not-found */
  listTags(ctx: CallContext, name: string): Promise<Tag[]> {
    const { store } = this.deps;
    const accountId = ctx.principal.accountId;
    return runCommand(this.deps, ctx, Actions.listServerCertificateTags, resource(accountId, name), async () =>
      store.resourceTags.list('server-certificate', (await requireCertificate(store, accountId, name)).id),
    );
  }

  /** @throws access-denied | not-found | invalid-input | limit-exceeded */
  tag(ctx: CallContext, name: string, tags: Tag[]): Promise<void> {
    const accountId = ctx.principal.accountId;
    return runCommand(this.deps, ctx, Actions.tagServerCertificate, resource(accountId, name), () =>
      this.deps.store.transaction(async (tx) => {
        checkTagSet(tags, 'server-certificate');
        const found = await requireCertificate(tx, accountId, name);
        const keys = new Set((await tx.resourceTags.list('server-certificate', found.id)).map((t) => t.key.toLowerCase()));
        for (const t of tags) keys.add(t.key.toLowerCase());
        if (keys.size > MAX_TAGS_PER_USER) throw new LimitExceededError('tag', MAX_TAGS_PER_USER, 'server-certificate');
        await tx.resourceTags.put('server-certificate', found.id, tags);
      }),
    { requestTags: tags });
  }

  /** @throws access-denied | not-found */
  untag(ctx: CallContext, name: string, keys: string[]): Promise<void> {
    const accountId = ctx.principal.accountId;
    return runCommand(this.deps, ctx, Actions.untagServerCertificate, resource(accountId, name), () =>
      this.deps.store.transaction(async (tx) => tx.resourceTags.remove('server-certificate', (await requireCertificate(tx, accountId, name)).id, keys)),
    );
  }
}

async function requireCertificate(repos: Repositories, accountId: string, name: string): Promise<ServerCertificate> {
  const found = await repos.serverCertificates.findByName(accountId, name);
  if (!found) throw new NotFoundError('server-certificate', name, 'name');
  return found;
}

function viewOf(certificate: ServerCertificate, tags: Tag[]): ServerCertificateView {
  const { sealedPrivateKey: _secret, ...view } = certificate;
  return { ...view, tags };
}
