/**
 * Lookups and maps for names that come from the client. A parameter, JSON key or tag key named
 * `__proto__`, `constructor` or `toString` is ordinary data: read through a plain object literal it
 * would find `Object.prototype`'s members instead (a 500 from a value of the wrong type, or a function's
 * source in a message), so tables keyed by client text are read only through their own properties.
 */

/** `table[key]` when `key` is the table's own entry, else undefined (never an inherited member). */
export function ownEntry<T>(table: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}

/** An empty object with no prototype, for maps from client names to values that must stay objects. */
export function emptyRecord<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}
