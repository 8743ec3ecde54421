/**
 * Keystone OS-EP-FILTER endpoint groups (issue #16): named filters over an account's endpoints
 * (`service_id`, `region_id`, `interface`). Reads are `listCatalog`, writes `updateCatalog`, as for the
 * rest of the catalog. Project associations and catalog filtering by them are not served.
 */
import { Actions } from '../authorization/actions.js';
import { runCommand, type CoreDeps } from '../deps.js';
import { NotFoundError } from '../errors.js';
import type { CallContext } from '../principal.js';

/** Keystone catalog/schema.py `endpoint_group_create`: the filter keys it accepts */
export const ENDPOINT_GROUP_FILTER_KEYS = ['service_id', 'region_id', 'interface'] as const;
export type EndpointGroupFilters = Partial<Record<(typeof ENDPOINT_GROUP_FILTER_KEYS)[number], string>>;

export interface EndpointGroup {
  id: string;
  accountId: string;
  name: string;
  description: string;
  filters: EndpointGroupFilters;
}

export interface EndpointGroupRepository {
  create(group: EndpointGroup): Promise<void>;
  find(accountId: string, id: string): Promise<EndpointGroup | undefined>;
  list(accountId: string): Promise<EndpointGroup[]>;
  update(group: EndpointGroup): Promise<void>;
  delete(accountId: string, id: string): Promise<boolean>;
}

export class EndpointGroupsService {
  constructor(
    private readonly deps: CoreDeps,
    private readonly groups: EndpointGroupRepository,
  ) {}

  /** @throws access-denied */
  create(ctx: CallContext, input: Omit<EndpointGroup, 'id' | 'accountId'>): Promise<EndpointGroup> {
    return this.write(ctx, async () => {
      const group: EndpointGroup = { id: this.deps.ids.hexId(), accountId: ctx.principal.accountId, ...input };
      await this.groups.create(group);
      return group;
    });
  }

  /** @throws access-denied */
  list(ctx: CallContext): Promise<EndpointGroup[]> {
    return this.read(ctx, () => this.groups.list(ctx.principal.accountId));
  }

  /** @throws access-denied | not-found */
  get(ctx: CallContext, id: string): Promise<EndpointGroup> {
    return this.read(ctx, () => this.require(ctx.principal.accountId, id));
  }

  /** Keystone PATCH: the given fields replace those there (`filters` as a whole). @throws access-denied | not-found */
  update(ctx: CallContext, id: string, changes: Partial<Omit<EndpointGroup, 'id' | 'accountId'>>): Promise<EndpointGroup> {
    return this.write(ctx, async () => {
      const next = { ...(await this.require(ctx.principal.accountId, id)), ...changes };
      await this.groups.update(next);
      return next;
    });
  }

  /** @throws access-denied | not-found */
  delete(ctx: CallContext, id: string): Promise<void> {
    return this.write(ctx, async () => {
      if (!(await this.groups.delete(ctx.principal.accountId, id))) throw new NotFoundError('endpoint-group', id);
    });
  }

  private async require(accountId: string, id: string): Promise<EndpointGroup> {
    const found = await this.groups.find(accountId, id);
    if (!found) throw new NotFoundError('endpoint-group', id);
    return found;
  }

  private read<T>(ctx: CallContext, work: () => Promise<T>): Promise<T> {
    return runCommand(this.deps, ctx, Actions.listCatalog, { type: 'account', accountId: ctx.principal.accountId }, work);
  }

  private write<T>(ctx: CallContext, work: () => Promise<T>): Promise<T> {
    return runCommand(this.deps, ctx, Actions.updateCatalog, { type: 'account', accountId: ctx.principal.accountId }, work);
  }
}
