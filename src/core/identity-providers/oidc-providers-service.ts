import { Actions, type IamAction } from '../authorization/actions.js';
import type { ResourceRef } from '../authorization/authorizer.js';
import { runCommand, type CoreDeps } from '../deps.js';
import { LimitExceededError, NotFoundError } from '../errors.js';
import type { Repositories } from '../ports.js';
import type { CallContext } from '../principal.js';
import { checkTagSet } from '../users/users-service.js';
import { MAX_TAGS_PER_USER, type Tag } from '../users/user.js';
import { OIDC_LIMITS, type OidcProvider } from './identity-provider.js';

export type OidcProviderView = OidcProvider & { tags: Tag[] };

const resource = (accountId: string, url?: string): ResourceRef => ({ type: 'account', accountId, ...(url !== undefined ? { name: url } : {}) });

/**
 * OpenID Connect providers as data (AWS CreateOpenIDConnectProvider and the rest): an issuer URL, the
 * audiences (client ids) and the thumbprints of the issuer's certificate. The dialect validates forms;
 * AssumeRoleWithWebIdentity, which would use them, is a later step.
 */
export class OidcProvidersService {
  constructor(private readonly deps: CoreDeps) {}

  /** @throws access-denied | already-exists | invalid-input | limit-exceeded */
  create(ctx: CallContext, input: { url: string; clientIds: string[]; thumbprints: string[]; tags?: Tag[] }): Promise<OidcProviderView> {
    const accountId = ctx.principal.accountId;
    const tags = input.tags ?? [];
    return runCommand(this.deps, ctx, Actions.createOidcProvider, resource(accountId, input.url), async () => {
      checkTagSet(tags, 'oidc-provider');
      checkLimits(input.clientIds, input.thumbprints);
      const now = this.deps.clock.now();
      const provider: OidcProvider = { id: this.deps.ids.hexId(), accountId, url: input.url, clientIds: unique(input.clientIds), thumbprints: unique(input.thumbprints.map((t) => t.toLowerCase())), createdAt: now, updatedAt: now };
      await this.deps.store.transaction(async (tx) => {
        if ((await tx.oidcProviders.list(accountId)).length >= OIDC_LIMITS.providersPerAccount) throw new LimitExceededError('oidc-provider', OIDC_LIMITS.providersPerAccount, 'account');
        await tx.oidcProviders.create(provider);
        await tx.resourceTags.put('oidc-provider', provider.id, tags);
      });
      return { ...provider, tags };
    }, { requestTags: tags });
  }

  /** @throws access-denied | not-found */
  get(ctx: CallContext, url: string): Promise<OidcProviderView> {
    const { store } = this.deps;
    return this.read(ctx, Actions.getOidcProvider, url, async (p) => ({ ...p, tags: await store.resourceTags.list('oidc-provider', p.id) }));
  }

  /** @throws access-denied */
  list(ctx: CallContext): Promise<OidcProvider[]> {
    const accountId = ctx.principal.accountId;
    return runCommand(this.deps, ctx, Actions.listOidcProviders, resource(accountId), () => this.deps.store.oidcProviders.list(accountId));
  }

  /** Replaces every thumbprint. @throws access-denied | not-found | limit-exceeded */
  updateThumbprints(ctx: CallContext, url: string, thumbprints: string[]): Promise<void> {
    return this.change(ctx, Actions.updateOidcProviderThumbprint, url, (p) => ({ ...p, thumbprints: unique(thumbprints.map((t) => t.toLowerCase())) }));
  }

  /** Idempotent, as AWS's. @throws access-denied | not-found | limit-exceeded */
  addClientId(ctx: CallContext, url: string, clientId: string): Promise<void> {
    return this.change(ctx, Actions.addClientIdToOidcProvider, url, (p) => ({ ...p, clientIds: unique([...p.clientIds, clientId]) }));
  }

  /** Removing one that is not there is not an error (AWS). @throws access-denied | not-found */
  removeClientId(ctx: CallContext, url: string, clientId: string): Promise<void> {
    return this.change(ctx, Actions.removeClientIdFromOidcProvider, url, (p) => ({ ...p, clientIds: p.clientIds.filter((c) => c !== clientId) }));
  }

  /** @throws access-denied | not-found */
  delete(ctx: CallContext, url: string): Promise<void> {
    const accountId = ctx.principal.accountId;
    return runCommand(this.deps, ctx, Actions.deleteOidcProvider, resource(accountId, url), () =>
      this.deps.store.transaction(async (tx) => {
        const found = await requireProvider(tx, accountId, url);
        await tx.oidcProviders.delete(accountId, url);
        await tx.resourceTags.removeAll('oidc-provider', found.id);
      }),
    );
  }

  /** @throws access-denied | not-found */
  listTags(ctx: CallContext, url: string): Promise<Tag[]> {
    return this.read(ctx, Actions.listOidcProviderTags, url, (p) => this.deps.store.resourceTags.list('oidc-provider', p.id));
  }

  /** @throws access-denied | not-found | invalid-input | limit-exceeded */
  tag(ctx: CallContext, url: string, tags: Tag[]): Promise<void> {
    const accountId = ctx.principal.accountId;
    return runCommand(this.deps, ctx, Actions.tagOidcProvider, resource(accountId, url), () =>
      this.deps.store.transaction(async (tx) => {
        checkTagSet(tags, 'oidc-provider');
        const found = await requireProvider(tx, accountId, url);
        const keys = new Set((await tx.resourceTags.list('oidc-provider', found.id)).map((t) => t.key.toLowerCase()));
        for (const t of tags) keys.add(t.key.toLowerCase());
        if (keys.size > MAX_TAGS_PER_USER) throw new LimitExceededError('tag', MAX_TAGS_PER_USER, 'oidc-provider');
        await tx.resourceTags.put('oidc-provider', found.id, tags);
      }),
    { requestTags: tags });
  }

  /** @throws access-denied | not-found */
  untag(ctx: CallContext, url: string, keys: string[]): Promise<void> {
    const accountId = ctx.principal.accountId;
    return runCommand(this.deps, ctx, Actions.untagOidcProvider, resource(accountId, url), () =>
      this.deps.store.transaction(async (tx) => tx.resourceTags.remove('oidc-provider', (await requireProvider(tx, accountId, url)).id, keys)),
    );
  }

  private read<T>(ctx: CallContext, action: IamAction, url: string, then: (p: OidcProvider) => Promise<T>): Promise<T> {
    const accountId = ctx.principal.accountId;
    return runCommand(this.deps, ctx, action, resource(accountId, url), async () => then(await requireProvider(this.deps.store, accountId, url)));
  }

  private change(ctx: CallContext, action: IamAction, url: string, edit: (p: OidcProvider) => OidcProvider): Promise<void> {
    const accountId = ctx.principal.accountId;
    return runCommand(this.deps, ctx, action, resource(accountId, url), () =>
      this.deps.store.transaction(async (tx) => {
        const next = edit(await requireProvider(tx, accountId, url));
        checkLimits(next.clientIds, next.thumbprints);
        await tx.oidcProviders.update({ ...next, updatedAt: this.deps.clock.now() });
      }),
    );
  }
}

function checkLimits(clientIds: string[], thumbprints: string[]): void {
  if (unique(clientIds).length > OIDC_LIMITS.clientIds) throw new LimitExceededError('oidc-provider', OIDC_LIMITS.clientIds, 'client ids');
  if (unique(thumbprints).length > OIDC_LIMITS.thumbprints) throw new LimitExceededError('oidc-provider', OIDC_LIMITS.thumbprints, 'thumbprints');
}

const unique = (values: string[]): string[] => [...new Set(values)];

async function requireProvider(repos: Repositories, accountId: string, url: string): Promise<OidcProvider> {
  const found = await repos.oidcProviders.find(accountId, url);
  if (!found) throw new NotFoundError('oidc-provider', url, 'name');
  return found;
}
