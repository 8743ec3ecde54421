import { InvalidInputError } from '../errors.js';
import type { Page, Repositories } from '../ports.js';
import { viewOf, type PolicyView, type ResolvedPolicy } from './policy-ref.js';
import type { ManagedPolicy } from './policy.js';
import { SYSTEM_POLICIES } from './system-policies.js';

export interface PolicyPageQuery {
  scope: 'all' | 'custom' | 'system';
  pathPrefix?: string;
  /** keeps a view (AWS OnlyAttached / PolicyUsageFilter); applied before paging, so pages stay full */
  keep: (view: PolicyView) => boolean;
  limit: number;
  marker?: string;
  /** rows skipped after the marker: only for an offset no page reached yet (core/users/offset-pages.ts) */
  offset?: number;
}

/** the most custom policies read from the store at once while merging */
const BATCH = 500;

/** a view's place in the list: lowercased name, then id (a custom policy may share a system policy's name) */
const keyOf = (view: PolicyView) => `${view.name.toLowerCase()}\u0000${view.id}`;
const compare = (a: string, b: string) => Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));

/**
 * One page of the system and custom policies in one order (issue #17): the custom ones are read from
 * the store by keyset seeks (`fromName` is the marker's name; the batch ends once the page is full) and
 * merged with the system ones, which live in memory. The marker is the last view's key, as before this
 * paging moved to the store, so markers issued earlier still work and a marker whose policy was deleted
 * since continues after its place. @throws invalid-input (marker)
 */
export async function policyPage(
  store: Repositories,
  accountId: string,
  query: PolicyPageQuery,
  counts: { attached: ReadonlyMap<string, number>; bounded: ReadonlyMap<string, number> },
): Promise<Page<PolicyView>> {
  const after = query.marker === undefined ? undefined : markerKey(query.marker);
  const view = (resolved: ResolvedPolicy) => viewOf(resolved, counts.attached.get(resolved.policy.id) ?? 0, counts.bounded.get(resolved.policy.id) ?? 0);
  const wanted = (v: PolicyView) => (query.pathPrefix === undefined || v.path.startsWith(query.pathPrefix)) && query.keep(v);
  const system =
    query.scope === 'custom'
      ? []
      : SYSTEM_POLICIES.map((policy) => view({ scope: 'system', policy }))
          .filter(wanted)
          .map((v) => ({ v, k: keyOf(v) }))
          .filter((e) => after === undefined || compare(e.k, after) > 0)
          .sort((a, b) => compare(a.k, b.k));
  let skip = query.offset ?? 0;
  const out: PolicyView[] = [];
  const full = () => out.length > query.limit;
  const take = (v: PolicyView) => {
    if (skip > 0) skip--;
    else out.push(v);
  };
  let s = 0;
  if (query.scope !== 'system') {
    const fromName = after?.slice(0, after.indexOf('\u0000'));
    for await (const policy of customPolicies(store, accountId, query, fromName, () => query.limit + 1 + skip - out.length)) {
      const v = view({ scope: 'custom', policy });
      const k = keyOf(v);
      if ((after !== undefined && compare(k, after) <= 0) || !wanted(v)) continue;
      while (s < system.length && compare(system[s]!.k, k) < 0 && !full()) take(system[s++]!.v);
      if (full()) break;
      take(v);
      if (full()) break;
    }
  }
  while (s < system.length && !full()) take(system[s++]!.v);
  const items = out.slice(0, query.limit);
  const last = items[items.length - 1];
  return out.length > query.limit && last ? { items, nextMarker: Buffer.from(`p:${keyOf(last)}`, 'utf8').toString('base64url') } : { items };
}

/** the custom policies from `fromName` on, read in batches as the merge asks for them */
async function* customPolicies(
  store: Repositories,
  accountId: string,
  query: PolicyPageQuery,
  fromName: string | undefined,
  stillWanted: () => number,
): AsyncGenerator<ManagedPolicy> {
  let marker: string | undefined;
  do {
    const limit = Math.min(BATCH, Math.max(stillWanted(), 1));
    const page = await store.policies.list(accountId, {
      limit,
      ...(query.pathPrefix ? { pathPrefix: query.pathPrefix } : {}),
      ...(marker !== undefined ? { marker } : fromName !== undefined ? { fromName } : {}),
    });
    yield* page.items;
    marker = page.nextMarker;
  } while (marker !== undefined);
}

function markerKey(marker: string): string {
  const text = Buffer.from(marker, 'base64url').toString('utf8');
  if (!text.startsWith('p:') || !text.includes('\u0000')) throw new InvalidInputError('marker', 'is not a marker from a previous page');
  return text.slice(2);
}
