/**
 * Branded wrappers for values that must never reach a log, an error message or an audit record.
 * SECURITY: `toJSON` and Node's inspect hook both print a placeholder, so a stray `logger.info({ input })`
 * or `console.log(cmd)` cannot leak the value; only an explicit `reveal()` reads it.
 */
const inspectSymbol = Symbol.for('nodejs.util.inspect.custom');

abstract class Secret {
  readonly #value: string;
  constructor(value: string) {
    this.#value = value;
  }
  reveal(): string {
    return this.#value;
  }
  get length(): number {
    return this.#value.length;
  }
  toJSON(): string {
    return '[REDACTED]';
  }
  toString(): string {
    return '[REDACTED]';
  }
  [inspectSymbol](): string {
    return '[REDACTED]';
  }
}

export class PlainPassword extends Secret {
  private readonly brand = 'PlainPassword';
}

export class SecretAccessKey extends Secret {
  private readonly brand = 'SecretAccessKey';
}
