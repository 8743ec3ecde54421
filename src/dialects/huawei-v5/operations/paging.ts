import { WireValidationError } from '../../kit/wire-errors.js';

/**
 * v5 `limit`/`marker` paging over a short list core returns whole (a policy's versions, a user's
 * attached policies, a policy's entities). The marker is the last item's key, so an item removed
 * between pages does not break the walk; keys must be unique and in the list's order.
 */
export function pageOfList<T>(items: T[], keyOf: (item: T) => string, query: { limit: number; marker?: string }): { items: T[]; nextMarker?: string } {
  let rest = items;
  if (query.marker !== undefined) {
    const text = Buffer.from(query.marker, 'base64url').toString('utf8');
    if (!text.startsWith('l:')) throw new WireValidationError('marker', 'is not a marker from a previous page');
    const after = text.slice(2);
    const index = items.findIndex((item) => keyOf(item) === after);
    // an item gone since the last page: start over after nothing rather than repeat or skip silently
    rest = index === -1 ? [] : items.slice(index + 1);
  }
  const page = rest.slice(0, query.limit);
  const last = page[page.length - 1];
  return rest.length > query.limit && last !== undefined ? { items: page, nextMarker: Buffer.from(`l:${keyOf(last)}`, 'utf8').toString('base64url') } : { items: page };
}

/** v5 `PageInfo`: current_count, and next_marker while more remain. */
export function pageInfo(page: { items: unknown[]; nextMarker?: string }) {
  return { current_count: page.items.length, ...(page.nextMarker ? { next_marker: page.nextMarker } : {}) };
}
