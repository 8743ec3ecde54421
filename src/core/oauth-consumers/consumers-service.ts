/**
 * Keystone OAuth1 consumers (`/v3/OS-OAUTH1/consumers`, issue #16): each account's own, with a
 * secret Keystone makes at creation (`uuid4().hex`, keystone/oauth1/core.py) and shows only then.
 * Request and access tokens (the rest of OS-OAUTH1) are not served.
 */
import { Actions, type IamAction } from '../authorization/actions.js';
import { runCommand, type CoreDeps } from '../deps.js';
import { InvalidInputError, NotFoundError } from '../errors.js';
import type { CallContext } from '../principal.js';

export interface OauthConsumer {
  id: string;
  accountId: string;
  /** Keystone `parameter_types.description`, nullable */
  description: string | null;
  /** SECURITY: sealed with the SecretBox; opened only for the answer to the create */
  sealedSecret: string;
  createdAt: number;
}

/** a consumer as shown: never its secret */
export type ConsumerView = Omit<OauthConsumer, 'sealedSecret'>;

/** polyiam's bound of a description (Keystone's column is TEXT) */
export const MAX_CONSUMER_DESCRIPTION = 1024;

/** Storage of consumers (store/repositories/oauth-consumers.ts). */
export interface OauthConsumerRepository {
  create(consumer: OauthConsumer): Promise<void>;
  find(accountId: string, id: string): Promise<OauthConsumer | undefined>;
  /** oldest first */
  list(accountId: string): Promise<OauthConsumer[]>;
  /** false when there was none */
  updateDescription(accountId: string, id: string, description: string | null): Promise<boolean>;
  delete(accountId: string, id: string): Promise<boolean>;
}

/**
 * Keystone `identity:{create,list,get,update,delete}_consumer`, authorized as `iam:oauthConsumers:*`.
 * SECURITY: the secret is sealed at rest, returned by `create` alone, and never reaches an audit
 * event (the resource names only the consumer's id) nor an error message.
 */
export class OauthConsumersService {
  constructor(
    private readonly deps: CoreDeps,
    private readonly consumers: OauthConsumerRepository,
  ) {}

  /** @throws access-denied | invalid-input */
  create(ctx: CallContext, description: string | null): Promise<{ consumer: ConsumerView; secret: string }> {
    const accountId = ctx.principal.accountId;
    return this.command(ctx, Actions.createOauthConsumer, undefined, async () => {
      const secret = this.deps.ids.hexId();
      const consumer: OauthConsumer = { id: this.deps.ids.hexId(), accountId, description: checkDescription(description), sealedSecret: this.deps.secretBox.seal(secret), createdAt: this.deps.clock.now() };
      await this.consumers.create(consumer);
      return { consumer: view(consumer), secret };
    });
  }

  /** @throws access-denied */
  list(ctx: CallContext): Promise<ConsumerView[]> {
    return this.command(ctx, Actions.listOauthConsumers, undefined, async () => (await this.consumers.list(ctx.principal.accountId)).map(view));
  }

  /** @throws access-denied | not-found */
  get(ctx: CallContext, id: string): Promise<ConsumerView> {
    return this.command(ctx, Actions.getOauthConsumer, id, async () => view(await this.require(ctx.principal.accountId, id)));
  }

  /** Keystone PATCH: only the description changes (a `secret` is refused by Keystone's schema). @throws access-denied | not-found | invalid-input */
  update(ctx: CallContext, id: string, description: string | null | undefined): Promise<ConsumerView> {
    const accountId = ctx.principal.accountId;
    return this.command(ctx, Actions.updateOauthConsumer, id, async () => {
      const current = await this.require(accountId, id);
      if (description === undefined) return view(current);
      const next = { ...current, description: checkDescription(description) };
      if (!(await this.consumers.updateDescription(accountId, id, next.description))) throw new NotFoundError('oauth-consumer', id);
      return view(next);
    });
  }

  /** @throws access-denied | not-found */
  delete(ctx: CallContext, id: string): Promise<void> {
    return this.command(ctx, Actions.deleteOauthConsumer, id, async () => {
      if (!(await this.consumers.delete(ctx.principal.accountId, id))) throw new NotFoundError('oauth-consumer', id);
    });
  }

  private async require(accountId: string, id: string): Promise<OauthConsumer> {
    const found = await this.consumers.find(accountId, id);
    if (!found) throw new NotFoundError('oauth-consumer', id);
    return found;
  }

  private command<T>(ctx: CallContext, action: IamAction, id: string | undefined, work: () => Promise<T>): Promise<T> {
    return runCommand(this.deps, ctx, action, { type: 'account', accountId: ctx.principal.accountId, ...(id !== undefined ? { id } : {}) }, work);
  }
}

function view({ sealedSecret: _sealed, ...shown }: OauthConsumer): ConsumerView {
  return shown;
}

function checkDescription(description: string | null): string | null {
  if (description !== null && description.length > MAX_CONSUMER_DESCRIPTION) throw new InvalidInputError('description', `must be at most ${MAX_CONSUMER_DESCRIPTION} characters`);
  return description;
}
