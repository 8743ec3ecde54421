/**
 * Keystone's policy entity (`/v3/policies`, issue #16): an opaque `blob` of some `type` (Keystone
 * stores and returns it; nothing evaluates it), each account's own. polyiam's identity policies are a
 * different thing (core/policies): these never decide an authorization.
 */
import { Actions, type IamAction } from '../authorization/actions.js';
import { runCommand, type CoreDeps } from '../deps.js';
import { InvalidInputError, NotFoundError } from '../errors.js';
import type { CallContext } from '../principal.js';

export interface PolicyBlob {
  id: string;
  accountId: string;
  /** Keystone policy/schema.py: `type` up to 255 characters (a MIME type, e.g. `application/json`) */
  type: string;
  blob: string;
  createdAt: number;
}

/** Keystone caps neither; a blob is kept to this many characters so one row stays a row */
export const MAX_POLICY_BLOB_CHARS = 65_536;
export const MAX_POLICY_TYPE_CHARS = 255;

/** Storage of policy blobs (store/repositories/keystone-policies.ts). */
export interface PolicyBlobRepository {
  create(policy: PolicyBlob): Promise<void>;
  find(accountId: string, id: string): Promise<PolicyBlob | undefined>;
  /** oldest first; `type` filters on the exact type (Keystone's `?type=` filter) */
  list(accountId: string, type?: string): Promise<PolicyBlob[]>;
  /** false when there was none */
  update(policy: PolicyBlob): Promise<boolean>;
  delete(accountId: string, id: string): Promise<boolean>;
}

export type PolicyBlobChanges = Partial<Pick<PolicyBlob, 'type' | 'blob'>>;

/**
 * Keystone `identity:{create,list,get,update,delete}_policy` over one account's blobs, authorized
 * as the v3 pattern `iam:keystonePolicies:*` (Keystone: admin only; here whoever the account's
 * identity policies allow).
 */
export class PolicyBlobsService {
  constructor(
    private readonly deps: CoreDeps,
    private readonly policies: PolicyBlobRepository,
  ) {}

  /** @throws access-denied | invalid-input */
  create(ctx: CallContext, input: { type: string; blob: string }): Promise<PolicyBlob> {
    const accountId = ctx.principal.accountId;
    return this.command(ctx, Actions.createKeystonePolicy, undefined, async () => {
      const policy: PolicyBlob = { id: this.deps.ids.hexId(), accountId, type: checkType(input.type), blob: checkBlob(input.blob), createdAt: this.deps.clock.now() };
      await this.policies.create(policy);
      return policy;
    });
  }

  /** Keystone `GET /v3/policies` (filter `type`). @throws access-denied */
  list(ctx: CallContext, type?: string): Promise<PolicyBlob[]> {
    return this.command(ctx, Actions.listKeystonePolicies, undefined, () => this.policies.list(ctx.principal.accountId, type));
  }

  /** @throws access-denied | not-found */
  get(ctx: CallContext, id: string): Promise<PolicyBlob> {
    return this.command(ctx, Actions.getKeystonePolicy, id, () => this.require(ctx.principal.accountId, id));
  }

  /** Keystone PATCH: the given fields replace those there. @throws access-denied | not-found | invalid-input */
  update(ctx: CallContext, id: string, changes: PolicyBlobChanges): Promise<PolicyBlob> {
    return this.command(ctx, Actions.updateKeystonePolicy, id, async () => {
      const current = await this.require(ctx.principal.accountId, id);
      const next: PolicyBlob = {
        ...current,
        ...(changes.type !== undefined ? { type: checkType(changes.type) } : {}),
        ...(changes.blob !== undefined ? { blob: checkBlob(changes.blob) } : {}),
      };
      if (!(await this.policies.update(next))) throw new NotFoundError('keystone-policy', id);
      return next;
    });
  }

  /** @throws access-denied | not-found */
  delete(ctx: CallContext, id: string): Promise<void> {
    return this.command(ctx, Actions.deleteKeystonePolicy, id, async () => {
      if (!(await this.policies.delete(ctx.principal.accountId, id))) throw new NotFoundError('keystone-policy', id);
    });
  }

  private async require(accountId: string, id: string): Promise<PolicyBlob> {
    const found = await this.policies.find(accountId, id);
    if (!found) throw new NotFoundError('keystone-policy', id);
    return found;
  }

  private command<T>(ctx: CallContext, action: IamAction, id: string | undefined, work: () => Promise<T>): Promise<T> {
    return runCommand(this.deps, ctx, action, { type: 'account', accountId: ctx.principal.accountId, ...(id !== undefined ? { id } : {}) }, work);
  }
}

function checkType(type: string): string {
  if (type.length > MAX_POLICY_TYPE_CHARS) throw new InvalidInputError('type', `must be at most ${MAX_POLICY_TYPE_CHARS} characters`);
  return type;
}

function checkBlob(blob: string): string {
  if (blob.length > MAX_POLICY_BLOB_CHARS) throw new InvalidInputError('blob', `must be at most ${MAX_POLICY_BLOB_CHARS} characters`);
  return blob;
}
