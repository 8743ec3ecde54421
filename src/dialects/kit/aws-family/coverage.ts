import type { QueryDialect } from '../query-dialect.js';

/** One documented column per key, one row per action of the dialect's operation table. */
export type CoverageRow<Column extends string> = Record<Column, string>;

/**
 * A markdown table with one row per operation of the table, in its order, so COVERAGE.md lists exactly
 * what the dialect serves. An operation without a documented row, or a row for an operation the table
 * does not have, is an error: the generator (and the test running it) fails.
 */
export function operationsTable<Column extends string>(dialect: QueryDialect, columns: Record<Column, string>, rows: Record<string, CoverageRow<Column>>): string[] {
  const actions = [...dialect.operations.keys()];
  const missing = actions.filter((action) => !(action in rows));
  const extra = Object.keys(rows).filter((action) => !dialect.operations.has(action));
  if (missing.length > 0 || extra.length > 0) {
    throw new Error(`coverage rows out of date for ${dialect.name}: missing ${missing.join(', ') || 'none'}; not served ${extra.join(', ') || 'none'}`);
  }
  const keys = Object.keys(columns) as Column[];
  return [
    `| Operation | ${keys.map((key) => columns[key]).join(' | ')} |`,
    `|---|${keys.map(() => '---').join('|')}|`,
    ...actions.map((action) => `| ${action} | ${keys.map((key) => rows[action]![key]).join(' | ')} |`),
  ];
}

/** A plain markdown table. */
export function table(header: string[], rows: string[][]): string[] {
  return [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...rows.map((row) => `| ${row.join(' | ')} |`)];
}
