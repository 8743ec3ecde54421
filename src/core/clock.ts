import type { Clock } from './ports.js';

export class SystemClock implements Clock {
  now(): number {
    return Date.now();
  }
}

/**
 * Test mode only: a clock tests can move forward to see passwords expire and lockouts end. It runs with
 * real time unless frozen: a frozen clock stands still until moved, so a test that must stay inside one
 * 30-second TOTP step (a replayed code) is not at the mercy of a slow machine.
 */
export class AdjustableClock implements Clock {
  private offsetMs = 0;
  /** the real time it was frozen at; undefined while it runs */
  private frozenAt: number | undefined;
  now(): number {
    return (this.frozenAt ?? Date.now()) + this.offsetMs;
  }
  advance(ms: number): void {
    this.offsetMs += ms;
  }
  /** Stops the clock where it is; `advance` still moves it. */
  freeze(): void {
    this.frozenAt ??= Date.now();
  }
  /** Lets it run again from where it stood (no jump to the real time). */
  unfreeze(): void {
    if (this.frozenAt === undefined) return;
    this.offsetMs += this.frozenAt - Date.now();
    this.frozenAt = undefined;
  }
  get isFrozen(): boolean {
    return this.frozenAt !== undefined;
  }
  reset(): void {
    this.offsetMs = 0;
    this.frozenAt = undefined;
  }
}
