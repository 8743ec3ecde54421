import type { Clock } from './ports.js';

export class SystemClock implements Clock {
  now(): number {
    return Date.now();
  }
}

/** Test mode only: a clock tests can move forward to see passwords expire and lockouts end. */
export class AdjustableClock implements Clock {
  private offsetMs = 0;
  now(): number {
    return Date.now() + this.offsetMs;
  }
  advance(ms: number): void {
    this.offsetMs += ms;
  }
  reset(): void {
    this.offsetMs = 0;
  }
}
