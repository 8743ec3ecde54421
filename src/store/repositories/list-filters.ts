import { sql } from 'kysely';

/**
 * AWS PathPrefix filters (ListUsers, ListGroups, ListRoles, ListPolicies) are case-sensitive. SQLite's
 * LIKE ignores ASCII case, so a prefix is compared with substr instead, which is exact on both engines
 * (both count characters, hence code points here).
 */
export function startsWith(column: string, prefix: string) {
  return sql<boolean>`substr(${sql.ref(column)}, 1, ${[...prefix].length}) = ${prefix}`;
}

/** `%` and `_` typed by a user are literal characters, not wildcards */
export function escapeLike(text: string): string {
  return text.replace(/[%_\\]/g, (ch) => `\\${ch}`);
}

/** SQLite has no default LIKE escape character and PostgreSQL's is `\\`: name it for both */
export function likeEscaped(column: string, pattern: string) {
  return sql<boolean>`${sql.ref(column)} like ${pattern} escape '\\'`;
}

/**
 * A case-insensitive substring of a name (matched on its stored lowercase form: lower() folds ASCII
 * only on SQLite) or of a description (Volcengine ListGroups/ListRoles `Query`).
 */
export function nameOrDescriptionContains(nameLower: string, description: string, text: string) {
  const pattern = `%${escapeLike(text.toLowerCase())}%`;
  return sql<boolean>`(${likeEscaped(nameLower, pattern)} or lower(${sql.ref(description)}) like ${pattern} escape '\\')`;
}
