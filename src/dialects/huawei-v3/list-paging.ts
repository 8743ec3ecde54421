import { NotFoundError } from '../../core/errors.js';
import type { Page } from '../../core/ports.js';
import { WireValidationError } from '../kit/wire-errors.js';
import { KeystoneHttpError } from './errors.js';
import type { V3Call, V3Result } from './operation.js';
import { queryValue } from './rules.js';

/** Keystone `max_db_limit` (keystone/conf/default.py, default 1000): no page is larger, whatever `limit` asks */
export const KEYSTONE_MAX_LIMIT = 1000;
/** rows read from the store per step while a whole list streams out */
const STREAM_BATCH = 500;

export interface KeystonePaging {
  limit?: number;
  /** Keystone `marker`: "ID of the last fetched entry" (keystone/identity/schema.py) */
  marker?: string;
}

/** The `limit` and `marker` query parameters of Keystone's paged lists (users, groups). */
export function keystonePaging(call: V3Call): KeystonePaging {
  const rawLimit = queryValue(call, 'limit');
  const marker = queryValue(call, 'marker');
  let limit: number | undefined;
  if (rawLimit !== undefined) {
    // Keystone: `min(int(limit), CONF.max_db_limit)`; a limit of 0 is no limit there (`if limit:`)
    if (!/^\d{1,9}$/.test(rawLimit)) throw new WireValidationError('limit', 'must be a non-negative integer');
    limit = Number(rawLimit) === 0 ? undefined : Math.min(Number(rawLimit), KEYSTONE_MAX_LIMIT);
  }
  if (marker !== undefined && marker.length === 0) throw new WireValidationError('marker', 'must not be empty');
  return { ...(limit !== undefined ? { limit } : {}), ...(marker !== undefined ? { marker } : {}) };
}

export interface KeystoneListing<T> {
  /** the collection key: `users`, `groups` */
  collection: string;
  paging: KeystonePaging;
  /** one core keyset page: after `marker` (core's), or after the row whose id is `afterId` (Keystone's) */
  page: (query: { limit: number; marker?: string; afterId?: string }) => Promise<Page<T>>;
  render: (items: T[]) => Promise<Array<{ id: string }>>;
}

/**
 * A Keystone list. With `limit` or `marker` (Keystone's pagination, 2025.1 on: `identity/backends/sql.py`
 * `list_users`, `server/flask/common.py` `wrap_collection`), one page of at most `limit` rows after the
 * row `marker` names, `links.next` carrying the last row's id and `"truncated": true` while more
 * remain; a marker naming no row is Keystone's 404 MarkerNotFound. Without either, the whole list as
 * Keystone answers it unpaged, but read from the store a page at a time and written out as it is read
 * (issue #17: a million users never sit in memory at once).
 */
export async function keystoneList<T>(call: V3Call, listing: KeystoneListing<T>): Promise<V3Result> {
  const { paging } = listing;
  const self = `${call.origin}${call.request.url}`;
  if (paging.limit !== undefined || paging.marker !== undefined) {
    const limit = paging.limit ?? KEYSTONE_MAX_LIMIT;
    const page = await listing.page({ limit, ...(paging.marker !== undefined ? { afterId: paging.marker } : {}) }).catch((err: unknown) => {
      if (err instanceof NotFoundError && paging.marker !== undefined && err.id === paging.marker) throw new KeystoneHttpError(404, `marker \`${paging.marker}\` could not be found`);
      throw err;
    });
    const items = await listing.render(page.items);
    const lastId = page.items.length > 0 ? (page.items[page.items.length - 1] as { id: string }).id : undefined;
    const next = page.nextMarker !== undefined && lastId !== undefined ? nextLink(call, lastId, limit) : null;
    return { status: 200, body: { [listing.collection]: items, links: { self, previous: null, next }, ...(next !== null ? { truncated: true } : {}) } };
  }
  const first = await listing.page({ limit: STREAM_BATCH });
  const links = { self, previous: null, next: null };
  if (first.nextMarker === undefined) return { status: 200, body: { [listing.collection]: await listing.render(first.items), links } };
  return { status: 200, stream: streamAll(listing, first, links) };
}

/** the whole list as JSON text, one store page at a time */
async function* streamAll<T>(listing: KeystoneListing<T>, first: Page<T>, links: unknown): AsyncGenerator<string> {
  yield `{${JSON.stringify(listing.collection)}:[`;
  let page = first;
  let separator = '';
  for (;;) {
    const rendered = await listing.render(page.items);
    if (rendered.length > 0) {
      yield separator + rendered.map((item) => JSON.stringify(item)).join(',');
      separator = ',';
    }
    if (page.nextMarker === undefined) break;
    page = await listing.page({ limit: STREAM_BATCH, marker: page.nextMarker });
  }
  yield `],"links":${JSON.stringify(links)}}`;
}

/** the request's own URL with `marker` set to the last row's id and `limit` kept (Keystone's `links.next`) */
function nextLink(call: V3Call, lastId: string, limit: number): string {
  const path = call.request.url.split('?')[0] ?? '';
  const params = new URLSearchParams(call.query.filter(([key]) => key !== 'marker' && key !== 'limit'));
  params.set('marker', lastId);
  params.set('limit', String(limit));
  return `${call.origin}${path}?${params.toString()}`;
}
