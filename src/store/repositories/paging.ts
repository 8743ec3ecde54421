/**
 * Keyset markers: the last sort key of a page, base64url-encoded so callers treat it as opaque
 * (AWS Marker, Huawei v5 marker: 4-400 characters of [A-Za-z0-9+/=_-]).
 */
export function encodeMarker(sortKey: string): string {
  return Buffer.from(`k:${sortKey}`, 'utf8').toString('base64url');
}

/** undefined for a marker this store never issued */
export function decodeMarker(marker: string): string | undefined {
  const text = Buffer.from(marker, 'base64url').toString('utf8');
  return text.startsWith('k:') ? text.slice(2) : undefined;
}
