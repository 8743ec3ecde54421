/**
 * Percent-encoding as the signature schemes canonicalise it: RFC 3986 strict encoding, decoding of wire
 * components, query parsing and the canonical query string. Every function has a fast path for text
 * that needs no encoding (the common case: ids, action names, dates), because these run several times
 * per component on every signed request and `encodeURIComponent` + `replace` or `decodeURIComponent`
 * + a surrogate check cost far more than one scan that finds nothing to do.
 */

/** one decoded query or form parameter, in wire order */
export interface QueryParam {
  key: string;
  value: string;
}

/** only RFC 3986 §2.3 unreserved characters: strict encoding leaves such text unchanged */
const UNRESERVED = /^[A-Za-z0-9\-._~]*$/;
/** unreserved characters and `/`: each `/`-separated segment encodes to itself */
const UNRESERVED_PATH = /^[A-Za-z0-9\-._~/]*$/;
const SUB_DELIMS_LEFT_RAW = /[!'()*]/g;

/**
 * RFC 3986 §2.3 strict encoding: only `A-Z a-z 0-9 - _ . ~` stay raw, everything else becomes
 * upper-case `%XX` of its UTF-8 bytes. `encodeURIComponent` alone leaves `! ' ( ) *` raw, which is
 * exactly what Node `querystring` sends and what none of the vendors sign (huawei-iam.md §2.6).
 */
export function encodeRfc3986(value: string): string {
  if (UNRESERVED.test(value)) return value;
  return encodeURIComponent(value).replace(SUB_DELIMS_LEFT_RAW, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** true when every `/`-separated segment of `path` is unreserved text (decoding and encoding keep it) */
export function isUnreservedPath(path: string): boolean {
  return UNRESERVED_PATH.test(path);
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/** text decoding leaves as is and that holds no surrogate to check: no `%` (and no `+` if it means space) */
const NEEDS_DECODING = /[%\uD800-\uDFFF]/;
const NEEDS_DECODING_PLUS = /[%+\uD800-\uDFFF]/;

/** percent-decodes one component; null when an escape is malformed or the bytes are not UTF-8 */
export function decodeComponent(raw: string, plusAsSpace: boolean): string | null {
  if (!(plusAsSpace ? NEEDS_DECODING_PLUS : NEEDS_DECODING).test(raw)) return raw;
  try {
    const decoded = decodeURIComponent(plusAsSpace ? raw.replace(/\+/g, ' ') : raw);
    return LONE_SURROGATE.test(decoded) ? null : decoded;
  } catch {
    return null;
  }
}

/**
 * Splits a raw query (or form body) on `&` and `=` and decodes each side. Empty pieces are skipped
 * and a piece without `=` has value ''. Returns null if any escape is malformed.
 * `plusAsSpace`: Go `url.Values.Encode` and Python `urlencode` send a space as `+`, while every client
 * in the captures sends a literal plus as `%2B`; pick what the scheme's clients do, and make the
 * dialect decode its parameters the same way so the signed meaning is the executed meaning.
 */
export function parseQuery(raw: string, options: { plusAsSpace: boolean }): QueryParam[] | null {
  const params: QueryParam[] = [];
  let start = 0;
  while (start <= raw.length) {
    const amp = raw.indexOf('&', start);
    const end = amp === -1 ? raw.length : amp;
    if (end > start) {
      // searched within the piece: a search for `=` past `end` would make `a&a&a...` quadratic
      const piece = raw.slice(start, end);
      const eq = piece.indexOf('=');
      const key = decodeComponent(eq === -1 ? piece : piece.slice(0, eq), options.plusAsSpace);
      const value = decodeComponent(eq === -1 ? '' : piece.slice(eq + 1), options.plusAsSpace);
      if (key === null || value === null) return null;
      params.push({ key, value });
    }
    start = end + 1;
  }
  return params;
}

interface QueryRow {
  key: string;
  value: string;
  encodedKey: string;
  encodedValue: string;
}

function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const byEncoded = (a: QueryRow, b: QueryRow) => compareCodeUnits(a.encodedKey, b.encodedKey) || compareCodeUnits(a.encodedValue, b.encodedValue);
const byDecoded = (a: QueryRow, b: QueryRow) => compareCodeUnits(a.key, b.key) || compareCodeUnits(a.value, b.value);

function isSorted(rows: readonly QueryRow[], order: (a: QueryRow, b: QueryRow) => number): boolean {
  for (let i = 1; i < rows.length; i++) if (order(rows[i - 1], rows[i]) > 0) return false;
  return true;
}

/**
 * `enc(k)=enc(v)` pairs joined by `&`, sorted by key then value in plain code-unit order.
 * `sortOn` says which form is compared, because the SDKs differ: AWS (@smithy/signature-v4
 * `getCanonicalQuery`) sorts the encoded keys; Huawei (`AKSKSigner.CanonicalQueryString`), Volcengine
 * (`sign.js` `sortParams`) and Kingsoft (Go `sign.go`) sort the decoded keys. The two orders differ
 * only for keys such as `a.` vs `a/` (`%2F` sorts before `.`).
 */
export function canonicalQuery(params: readonly QueryParam[], sortOn: 'encoded' | 'decoded'): string {
  if (params.length === 0) return '';
  const rows = params.map((p): QueryRow => ({
    key: p.key,
    value: p.value,
    encodedKey: encodeRfc3986(p.key),
    encodedValue: encodeRfc3986(p.value),
  }));
  const order = sortOn === 'encoded' ? byEncoded : byDecoded;
  // Go's url.Values.Encode and the Volcengine signer send parameters already sorted: one pass
  // confirms it, where the sort would still compare each row about log2(n) times. (Stable sort of
  // sorted rows changes nothing, so skipping it gives the same string.)
  if (!isSorted(rows, order)) rows.sort(order);
  let query = `${rows[0].encodedKey}=${rows[0].encodedValue}`;
  for (let i = 1; i < rows.length; i++) query += `&${rows[i].encodedKey}=${rows[i].encodedValue}`;
  return query;
}
