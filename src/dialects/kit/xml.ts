/**
 * AWS-style XML: arrays become `<member>` lists (`Users: [..]` -> `<Users><member>..</member></Users>`),
 * a `Map` becomes `<entry><key>..</key><value>..</value></entry>` elements,
 * booleans and numbers their text, dates ISO-8601, undefined members are left out, null is an empty
 * element. Text is escaped as AWS escapes it (`&`, `<`, `>`).
 *
 * Written by hand rather than with an XML builder: every query-API response goes through it, and the
 * builder cost more than signature verification per request (bench: aws signed GetUser).
 */
export function toAwsXml(root: string, namespace: string | undefined, content: Record<string, unknown>): string {
  return xmlDocument(root, namespace, children(content));
}

/** a document whose root holds `inner`, markup already written (by `xmlElement`) */
export function xmlDocument(root: string, namespace: string | undefined, inner: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<${root}${namespace ? namespaceAttribute(namespace) : ''}>${inner}</${root}>`;
}

/** one member as `toAwsXml` writes it; '' when undefined */
export function xmlElement(name: string, value: unknown): string {
  if (value === undefined) return '';
  if (value === null) return `<${name}></${name}>`;
  if (Array.isArray(value)) {
    let members = '';
    for (const item of value) members += xmlElement('member', item);
    return `<${name}>${members}</${name}>`;
  }
  if (value instanceof Date) return `<${name}>${value.toISOString()}</${name}>`;
  if (typeof value === 'object') {
    // AWS maps (GetAccountSummary SummaryMap): `<entry><key>..</key><value>..</value></entry>` each
    if (value instanceof Map) {
      let entries = '';
      for (const [key, item] of value) entries += `<entry>${xmlElement('key', key)}${xmlElement('value', item)}</entry>`;
      return `<${name}>${entries}</${name}>`;
    }
    return `<${name}>${children(value)}</${name}>`;
  }
  return `<${name}>${escapeText(String(value))}</${name}>`;
}

function children(content: object): string {
  // Object.keys: the own enumerable members in Object.entries' order, without a pair per member
  const record = content as Record<string, unknown>;
  let out = '';
  for (const name of Object.keys(record)) out += xmlElement(name, record[name]);
  return out;
}

/** a dialect has one namespace: its attribute is escaped once, not per response */
const namespaceAttributes = new Map<string, string>();

function namespaceAttribute(namespace: string): string {
  let attribute = namespaceAttributes.get(namespace);
  if (attribute === undefined) {
    attribute = ` xmlns="${escapeText(namespace).replace(/"/g, '&quot;')}"`;
    if (namespaceAttributes.size < 16) namespaceAttributes.set(namespace, attribute);
  }
  return attribute;
}

/** XML 1.0 forbids most control characters even as references: they are replaced, never passed on */
const INVALID_XML_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
/** anything escapeText may change: markup, the characters above, any surrogate (lone ones are replaced) */
const NEEDS_WORK = /[&<>\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/;
const SPECIAL = /[&<>]/;

function escapeText(text: string): string {
  // the common value (a name, an id, a date) needs nothing: one scan instead of the full replace
  if (!NEEDS_WORK.test(text)) return text;
  const valid = text.replace(INVALID_XML_CHARS, '\uFFFD');
  if (!SPECIAL.test(valid)) return valid;
  return valid.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
