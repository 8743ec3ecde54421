import { Actions, type IamAction } from '../authorization/actions.js';
import type { ResourceRef } from '../authorization/authorizer.js';
import { runCommand, type CoreDeps } from '../deps.js';
import { LimitExceededError, NotFoundError } from '../errors.js';
import { addResourceTags } from '../policies/resource-tag-writes.js';
import type { Repositories } from '../ports.js';
import type { CallContext } from '../principal.js';
import { checkTagSet } from '../users/users-service.js';
import type { Tag } from '../users/user.js';
import { readSamlMetadata } from './saml-metadata.js';
import { SAML_LIMITS, type SamlProvider } from './saml-provider.js';

export type SamlProviderView = SamlProvider & { tags: Tag[] };

const resource = (accountId: string, name?: string): ResourceRef => ({ type: 'account', accountId, ...(name !== undefined ? { name: `saml-provider/${name}` } : {}) });

/**
 * SAML providers as data (AWS CreateSAMLProvider and the rest, issue #15 item 7): the identity
 * provider's metadata document, checked and kept as sent. AssumeRoleWithSAML, which would use it, is a
 * later step.
 */
export class SamlProvidersService {
  constructor(private readonly deps: CoreDeps) {}

  /** @throws access-denied | already-exists | invalid-input (metadata) | limit-exceeded */
  create(ctx: CallContext, input: { name: string; metadata: string; tags?: Tag[] }): Promise<SamlProviderView> {
    const accountId = ctx.principal.accountId;
    const tags = input.tags ?? [];
    return runCommand(this.deps, ctx, Actions.createSamlProvider, resource(accountId, input.name), async () => {
      checkTagSet(tags, 'saml-provider');
      const { validUntil } = readSamlMetadata(input.metadata);
      const now = this.deps.clock.now();
      const provider: SamlProvider = { id: this.deps.ids.hexId(), accountId, name: input.name, metadata: input.metadata, validUntil, createdAt: now, updatedAt: now };
      await this.deps.store.transaction(async (tx) => {
        if ((await tx.samlProviders.list(accountId)).length >= SAML_LIMITS.providersPerAccount) throw new LimitExceededError('saml-provider', SAML_LIMITS.providersPerAccount, 'account');
        await tx.samlProviders.create(provider);
        await tx.resourceTags.put('saml-provider', provider.id, tags);
      });
      return { ...provider, tags };
    }, tags.length > 0 ? { requestTags: tags } : undefined);
  }

  /** @throws access-denied | not-found */
  get(ctx: CallContext, name: string): Promise<SamlProviderView> {
    return this.read(ctx, Actions.getSamlProvider, name, async (p) => ({ ...p, tags: await this.deps.store.resourceTags.list('saml-provider', p.id) }));
  }

  /** Ordered by lowercased name. @throws access-denied */
  list(ctx: CallContext): Promise<SamlProvider[]> {
    const accountId = ctx.principal.accountId;
    return runCommand(this.deps, ctx, Actions.listSamlProviders, resource(accountId), () => this.deps.store.samlProviders.list(accountId));
  }

  /** Replaces the metadata document. @throws access-denied | not-found | invalid-input */
  update(ctx: CallContext, name: string, metadata: string): Promise<SamlProvider> {
    const accountId = ctx.principal.accountId;
    return runCommand(this.deps, ctx, Actions.updateSamlProvider, resource(accountId, name), async () => {
      const { validUntil } = readSamlMetadata(metadata);
      return this.deps.store.transaction(async (tx) => {
        const next = { ...(await requireProvider(tx, accountId, name)), metadata, validUntil, updatedAt: this.deps.clock.now() };
        await tx.samlProviders.update(next);
        return next;
      });
    });
  }

  /** @throws access-denied | not-found */
  delete(ctx: CallContext, name: string): Promise<void> {
    const accountId = ctx.principal.accountId;
    return runCommand(this.deps, ctx, Actions.deleteSamlProvider, resource(accountId, name), () =>
      this.deps.store.transaction(async (tx) => {
        const found = await requireProvider(tx, accountId, name);
        await tx.samlProviders.delete(accountId, found.id);
        await tx.resourceTags.removeAll('saml-provider', found.id);
      }),
    );
  }

  /** @throws access-denied | not-found | invalid-input | limit-exceeded */
  tag(ctx: CallContext, name: string, tags: Tag[]): Promise<void> {
    const accountId = ctx.principal.accountId;
    return runCommand(this.deps, ctx, Actions.tagSamlProvider, resource(accountId, name), () =>
      this.deps.store.transaction(async (tx) => addResourceTags(tx, 'saml-provider', (await requireProvider(tx, accountId, name)).id, tags)),
    { requestTags: tags });
  }

  /** @throws access-denied | not-found */
  untag(ctx: CallContext, name: string, keys: string[]): Promise<void> {
    const accountId = ctx.principal.accountId;
    return runCommand(this.deps, ctx, Actions.untagSamlProvider, resource(accountId, name), () =>
      this.deps.store.transaction(async (tx) => tx.resourceTags.remove('saml-provider', (await requireProvider(tx, accountId, name)).id, keys)),
    );
  }

  /** @throws access-denied | not-found */
  listTags(ctx: CallContext, name: string): Promise<Tag[]> {
    return this.read(ctx, Actions.listSamlProviderTags, name, (p) => this.deps.store.resourceTags.list('saml-provider', p.id));
  }

  private read<T>(ctx: CallContext, action: IamAction, name: string, then: (p: SamlProvider) => Promise<T>): Promise<T> {
    const accountId = ctx.principal.accountId;
    return runCommand(this.deps, ctx, action, resource(accountId, name), async () => then(await requireProvider(this.deps.store, accountId, name)));
  }
}

async function requireProvider(repos: Repositories, accountId: string, name: string): Promise<SamlProvider> {
  const found = await repos.samlProviders.findByName(accountId, name);
  if (!found) throw new NotFoundError('saml-provider', name, 'name');
  return found;
}
