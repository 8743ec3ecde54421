import { InvalidInputError } from '../../../core/errors.js';

export interface ListPage<T> {
  items: T[];
  isTruncated: boolean;
  /** present when truncated: pass it back as `Marker` */
  marker?: string;
}

/**
 * Pages a short list the core returns whole (a user's access keys, at most 2; its tags, at most 50) the
 * way AWS pages: `MaxItems` items after the `Marker` of the previous page. The marker is the last key
 * of the page, encoded so callers treat it as opaque (AWS: "Marker ... from the previous response").
 * @throws invalid-input (marker) for a marker this list never issued
 */
export function pageOf<T>(items: T[], keyOf: (item: T) => string, query: { limit: number; marker?: string }): ListPage<T> {
  let start = 0;
  if (query.marker !== undefined) {
    const after = decode(query.marker);
    const index = after === undefined ? -1 : items.findIndex((item) => keyOf(item) === after);
    if (index === -1) throw new InvalidInputError('marker', 'is not a marker from a previous page');
    start = index + 1;
  }
  const page = items.slice(start, start + query.limit);
  const isTruncated = start + query.limit < items.length;
  const last = page[page.length - 1];
  return isTruncated && last !== undefined ? { items: page, isTruncated, marker: encode(keyOf(last)) } : { items: page, isTruncated: false };
}

function encode(key: string): string {
  return Buffer.from(`p:${key}`, 'utf8').toString('base64url');
}

function decode(marker: string): string | undefined {
  const text = Buffer.from(marker, 'base64url').toString('utf8');
  return text.startsWith('p:') ? text.slice(2) : undefined;
}
