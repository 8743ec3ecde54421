import { ACTION_NAMES } from '../evaluation/action-names.js';

/**
 * Huawei IAM v3 policies (`"Version": "1.1"`, the syntax of custom policies and of the `policy` of
 * CreateTemporaryAccessKeyByToken / ByAgency, iam_04_0002 and iam_04_0101 request examples) read as
 * Huawei v5 documents, the syntax the core evaluates: same statement grammar (Effect, Action,
 * Resource, Condition with `g:` keys), but v3 action names (`iam:users:listUsers`) where v5 has its
 * own (`iam:users:listUsersV5`). Each v3 action pattern is kept, and the v5 names of the core actions it
 * matches by their v3 name, or by their v5 name without its `V5` suffix, are added; a pattern that
 * matches no IAM action (`obs:object:GetObject`) thus still allows only what it names.
 * A document of any other version is returned unchanged, for the v5 parser to judge.
 */
export function huaweiV3PolicyAsV5(text: string): string {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return text;
  }
  if (!isObject(raw) || raw.Version !== '1.1') return text;
  const statements = Array.isArray(raw.Statement) ? raw.Statement.map((s) => (isObject(s) ? { ...s, ...actionsOf(s) } : s)) : raw.Statement;
  return JSON.stringify({ ...raw, Version: '5.0', Statement: statements });
}

function actionsOf(statement: Record<string, unknown>): { Action?: unknown } {
  const action = statement.Action;
  if (typeof action === 'string') return { Action: translate([action]) };
  if (Array.isArray(action) && action.every((a): a is string => typeof a === 'string')) return { Action: translate(action) };
  return {};
}

function translate(patterns: string[]): string[] {
  const out = new Set<string>();
  for (const pattern of patterns) {
    // kept as written: a wildcard (`*`, `iam:*:*`, `iam:users:list*`) matches v5 names as it matches v3
    // ones, which keeps the document small; only names it misses are added
    out.add(pattern);
    const glob = globOf(pattern);
    for (const [v5, names] of ACTION_NAMES) {
      if (glob.test(v5)) continue;
      const bare = v5.endsWith('V5') ? v5.slice(0, -2) : v5;
      if ((names.huaweiV3 !== null && glob.test(names.huaweiV3)) || glob.test(bare)) out.add(v5);
    }
  }
  return [...out];
}

/** Huawei action patterns: case-insensitive, `*` any run of characters, `?` one */
function globOf(pattern: string): RegExp {
  const body = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${body}$`, 'i');
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
