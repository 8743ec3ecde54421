import { checkString, type StringRule } from './json-fields.js';
import { WireValidationError } from './wire-errors.js';

const utf8 = new TextDecoder('utf-8', { fatal: true });
const NON_ASCII = /[^\x00-\x7F]/;

/**
 * Decodes `application/x-www-form-urlencoded` text strictly: a malformed escape or bytes that are not
 * UTF-8 are a 400 naming the parameter, where URLSearchParams would quietly substitute U+FFFD. Pairs are
 * appended to `into`, so the query and the body of one request fill a single list without copies.
 */
export function parseFormEncoded(text: string, origin: 'query' | 'body', into: Array<[string, string]> = []): Array<[string, string]> {
  // an indexOf walk rather than split('&'): no array of parts per request; empty parts are skipped
  let start = 0;
  // the next `=` at or after `start` (text.length when there is none), found again only once passed,
  // so text with many parts and few `=` stays a linear scan
  let eq = -1;
  while (start < text.length) {
    let end = text.indexOf('&', start);
    if (end === -1) end = text.length;
    if (end > start) {
      if (eq < start) {
        eq = text.indexOf('=', start);
        if (eq === -1) eq = text.length;
      }
      const hasValue = eq < end;
      const key = decodePart(text.slice(start, hasValue ? eq : end), origin);
      into.push([key, hasValue ? decodePart(text.slice(eq + 1, end), key) : '']);
    }
    start = end + 1;
  }
  return into;
}

function decodePart(raw: string, field: string): string {
  // most names and values carry no escapes: decoding them would return the same text
  if (raw.indexOf('%') === -1 && raw.indexOf('+') === -1) return raw;
  try {
    return decodeURIComponent(raw.replace(/\+/g, ' '));
  } catch {
    throw new WireValidationError(field, 'is not valid percent-encoded UTF-8');
  }
}

/** The exact bytes as UTF-8 text; anything else is refused, never repaired. */
export function decodeUtf8(body: Buffer, field: string): string {
  try {
    return utf8.decode(body);
  } catch {
    throw new WireValidationError(field, 'is not valid UTF-8');
  }
}

/**
 * A raw query string as text. Node hands the request target over one latin1 character per byte, so
 * the bytes are re-read as UTF-8, strictly; a target that is all ASCII is already its own decoding.
 */
export function decodeQueryText(rawQuery: string): string {
  return NON_ASCII.test(rawQuery) ? decodeUtf8(Buffer.from(rawQuery, 'latin1'), 'query') : rawQuery;
}

/**
 * The parameters of one query-API call (query string, form body, or a flattened JSON body), with the
 * typed reads every query dialect needs. Names are case-sensitive, as in every vendor's API.
 */
export class QueryParams {
  private readonly values = new Map<string, string>();

  /** @throws WireValidationError when a parameter is given twice */
  constructor(pairs: Array<[string, string]>) {
    for (const [key, value] of pairs) {
      if (this.values.has(key)) throw new WireValidationError(key, 'is given more than once');
      this.values.set(key, value);
    }
  }

  names(): string[] {
    return [...this.values.keys()];
  }

  /** (name, value) pairs, for the audit trail's allow-listed parameters */
  [Symbol.iterator](): IterableIterator<[string, string]> {
    return this.values.entries();
  }

  get(name: string): string | undefined {
    return this.values.get(name);
  }

  has(name: string): boolean {
    return this.values.has(name);
  }

  requiredString(name: string, rule: StringRule = {}): string {
    const value = this.values.get(name);
    if (value === undefined) throw new WireValidationError(name, 'is required', 'missing');
    checkString(name, value, rule);
    return value;
  }

  optionalString(name: string, rule: StringRule = {}): string | undefined {
    const value = this.values.get(name);
    if (value === undefined) return undefined;
    checkString(name, value, rule);
    return value;
  }

  /** `true`/`false`, case-insensitively; `presentMeansTrue` for Kingsoft's value-less flags */
  optionalBoolean(name: string, options: { presentMeansTrue?: boolean } = {}): boolean | undefined {
    const value = this.values.get(name);
    if (value === undefined) return undefined;
    if (value === '' && options.presentMeansTrue) return true;
    const lower = value.toLowerCase();
    if (lower === 'true') return true;
    if (lower === 'false') return false;
    throw new WireValidationError(name, 'must be `true` or `false`');
  }

  optionalInteger(name: string, min: number, max: number): number | undefined {
    const value = this.values.get(name);
    if (value === undefined) return undefined;
    if (!/^-?\d+$/.test(value)) throw new WireValidationError(name, 'must be an integer');
    const number = Number(value);
    if (number < min || number > max) throw new WireValidationError(name, `must be from ${min} to ${max}`);
    return number;
  }

  /**
   * Indexed lists: AWS `Tags.member.1.Key`, Volcengine `Tags.1.Key`, `TagKeys.member.1`. Returns the
   * entries in index order; a gap in the numbering is refused.
   */
  indexedList(prefix: string): Array<Map<string, string>> {
    const byIndex = new Map<number, Map<string, string>>();
    const pattern = indexedPattern(prefix);
    const start = `${prefix}.`;
    for (const [key, value] of this.values) {
      // most members are not in the list: a prefix test is cheaper than the pattern
      if (!key.startsWith(start)) continue;
      const match = pattern.exec(key);
      if (!match) continue;
      const index = Number(match[1]);
      const entry = byIndex.get(index) ?? new Map<string, string>();
      entry.set(match[2] ?? '', value);
      byIndex.set(index, entry);
    }
    const indexes = [...byIndex.keys()].sort((a, b) => a - b);
    indexes.forEach((index, position) => {
      if (index !== position + 1) throw new WireValidationError(`${prefix}.${index}`, 'list members must be numbered from 1 without gaps');
    });
    return indexes.map((i) => byIndex.get(i)!);
  }
}

/** the pattern of an indexed list's member names, made once per prefix (prefixes are the operations' own, never client text) */
const indexedPatterns = new Map<string, RegExp>();

function indexedPattern(prefix: string): RegExp {
  let pattern = indexedPatterns.get(prefix);
  if (pattern === undefined) {
    pattern = new RegExp(`^${prefix.replace(/\./g, '\\.')}\\.(\\d+)(?:\\.(.+))?$`);
    if (indexedPatterns.size < 256) indexedPatterns.set(prefix, pattern);
  }
  return pattern;
}

/**
 * Flattens a JSON body (Volcengine createJSONAPI) into query-style names: `{"Tags":[{"Key":"k"}]}` becomes
 * `Tags.1.Key=k`, booleans and numbers become their text, so every transport reads the same way.
 */
export function flattenJson(value: unknown, prefix = '', out: Array<[string, string]> = []): Array<[string, string]> {
  if (Array.isArray(value)) {
    value.forEach((item, i) => flattenJson(item, `${prefix}.${i + 1}`, out));
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) flattenJson(item, prefix ? `${prefix}.${key}` : key, out);
  } else if (value !== null && value !== undefined) {
    out.push([prefix, String(value)]);
  }
  return out;
}
