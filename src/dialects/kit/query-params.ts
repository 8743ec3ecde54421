import { checkString, type StringRule } from './json-fields.js';
import { WireValidationError } from './wire-errors.js';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Decodes `application/x-www-form-urlencoded` text strictly: a malformed escape or bytes that are not
 * UTF-8 are a 400 naming the parameter, where URLSearchParams would quietly substitute U+FFFD.
 */
export function parseFormEncoded(text: string, origin: 'query' | 'body'): Array<[string, string]> {
  const pairs: Array<[string, string]> = [];
  if (text === '') return pairs;
  for (const part of text.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const rawKey = eq === -1 ? part : part.slice(0, eq);
    const rawValue = eq === -1 ? '' : part.slice(eq + 1);
    const key = decodePart(rawKey, origin);
    pairs.push([key, decodePart(rawValue, key)]);
  }
  return pairs;
}

function decodePart(raw: string, field: string): string {
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
    const pattern = new RegExp(`^${prefix.replace(/\./g, '\\.')}\\.(\\d+)(?:\\.(.+))?$`);
    for (const [key, value] of this.values) {
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
