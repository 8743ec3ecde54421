import { InvalidInputError } from '../../core/errors.js';
import type { Page } from '../../core/ports.js';

/**
 * Keyset markers: the last sort key of a page, base64url-encoded so callers treat it as opaque
 * (AWS Marker, Huawei v5 marker: 4-400 characters of [A-Za-z0-9+/=_-]).
 */
export function encodeMarker(sortKey: string): string {
  return Buffer.from(`k:${sortKey}`, 'utf8').toString('base64url');
}

/** The sort key a marker continues after. @throws invalid-input for a marker this store never issued */
export function markerKey(marker: string): string {
  const text = Buffer.from(marker, 'base64url').toString('utf8');
  if (!text.startsWith('k:')) throw new InvalidInputError('marker', 'is not a marker from a previous page');
  return text.slice(2);
}

/** Rows were read with `limit + 1`: the extra row only says that another page exists. */
export function pageOf<T>(rows: T[], limit: number, sortKey: (item: T) => string): Page<T> {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return rows.length > limit && last !== undefined ? { items, nextMarker: encodeMarker(sortKey(last)) } : { items };
}
