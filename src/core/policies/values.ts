/** Typed readings of condition values, shared by write-time validation and the evaluator. */

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

export function parseNumber(text: string): number | null {
  const trimmed = text.trim();
  return NUMBER.test(trimmed) ? Number(trimmed) : null;
}

const ISO_DATE = /^(\d{4}-\d{2}-\d{2})(?:T(\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)(Z|[+-]\d{2}:?\d{2})?)?$/;
const EPOCH_SECONDS = /^\d{1,12}$/;

/**
 * Epoch milliseconds of a date condition value. AWS "Date condition operators": ISO 8601 (date, or
 * date and time with optional fraction and offset) or epoch seconds. A time without an offset is UTC,
 * as IAM evaluates in UTC.
 */
export function parseDate(text: string): number | null {
  const trimmed = text.trim();
  if (EPOCH_SECONDS.test(trimmed)) return Number(trimmed) * 1000;
  const m = ISO_DATE.exec(trimmed);
  if (!m) return null;
  const [, day, time, zone] = m;
  let iso = day;
  if (time !== undefined) {
    const offset = zone === undefined || zone === 'Z' ? 'Z' : zone.length === 5 ? `${zone.slice(0, 3)}:${zone.slice(3)}` : zone;
    iso = `${day}T${time.length === 5 ? `${time}:00` : time}${offset}`;
  }
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? null : ms;
}

/** AWS `Bool` and `Null` values are `true` or `false`, not case-sensitive. */
export function parseBool(text: string): boolean | null {
  const lower = text.trim().toLowerCase();
  return lower === 'true' ? true : lower === 'false' ? false : null;
}
