import { XMLBuilder } from 'fast-xml-parser';

const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@_', suppressEmptyNode: false, processEntities: true });

/**
 * AWS-style XML: arrays become `<member>` lists (`Users: [..]` -> `<Users><member>..</member></Users>`),
 * booleans and numbers their text, undefined members are left out. Values are entity-escaped.
 */
export function toAwsXml(root: string, namespace: string | undefined, content: Record<string, unknown>): string {
  const tree = { [root]: { ...(namespace ? { '@_xmlns': namespace } : {}), ...memberize(content) as object } };
  return `<?xml version="1.0" encoding="UTF-8"?>\n${builder.build(tree) as string}`;
}

function memberize(value: unknown): unknown {
  if (Array.isArray(value)) return { member: value.map(memberize) };
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined).map(([k, v]) => [k, memberize(v)]));
  }
  return value;
}
