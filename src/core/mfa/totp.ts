import { randomBytes } from 'node:crypto';
import { Secret, TOTP } from 'otpauth';

/** RFC 6238 as every vendor's authenticator app runs it: HMAC-SHA1, 6 digits, 30-second steps. */
export const TOTP_PERIOD_SECONDS = 30;
export const TOTP_DIGITS = 6;
/** the steps either side of now a code is accepted in (clock drift of the phone) */
export const TOTP_WINDOW = 1;

const CODE = /^\d{6}$/;

/** A fresh seed: 20 bytes (160 bits, RFC 4226's recommended length) from the OS generator, as base32. */
export function newTotpSeed(): string {
  // a copy: a small Buffer may be a view into a shared pool, and `buffer` would be the whole pool
  return new Secret({ buffer: new Uint8Array(randomBytes(20)).buffer }).base32;
}

/** the time step a moment falls in */
export function totpStep(now: number): number {
  return Math.floor(now / (TOTP_PERIOD_SECONDS * 1000));
}

/** whether `code` is six digits at all (a malformed code is refused before any seed is opened) */
export function isTotpCode(code: string): boolean {
  return CODE.test(code);
}

/**
 * The step (within ±1 of now) whose code `code` is, or null. otpauth compares every candidate (its
 * `validate` uses a constant-time comparison) and does the HMAC; nothing here is hand-written.
 */
export function matchTotpStep(base32Seed: string, code: string, now: number): number | null {
  if (!isTotpCode(code)) return null;
  const delta = TOTP.validate({ token: code, secret: Secret.fromBase32(base32Seed), digits: TOTP_DIGITS, period: TOTP_PERIOD_SECONDS, timestamp: now, window: TOTP_WINDOW });
  return delta === null ? null : totpStep(now) + delta;
}

/** Like `matchTotpStep`, for the code of exactly one step (binding: the second code must follow the first). */
export function isCodeOfStep(base32Seed: string, code: string, step: number): boolean {
  if (!isTotpCode(code)) return false;
  const delta = TOTP.validate({ token: code, secret: Secret.fromBase32(base32Seed), digits: TOTP_DIGITS, period: TOTP_PERIOD_SECONDS, timestamp: step * TOTP_PERIOD_SECONDS * 1000, window: 0 });
  return delta === 0;
}

/** `otpauth://totp/<issuer>:<label>?secret=...&issuer=...` (Key Uri Format; AWS: `<deviceName>@<AccountName>`) */
export function otpauthUri(issuer: string, label: string, base32Seed: string): string {
  return new TOTP({ issuer, label, secret: Secret.fromBase32(base32Seed), digits: TOTP_DIGITS, period: TOTP_PERIOD_SECONDS }).toString();
}

/** the current code of a seed at `now` (tests and the bench compute codes the same way a phone does) */
export function totpCode(base32Seed: string, now: number): string {
  return TOTP.generate({ secret: Secret.fromBase32(base32Seed), digits: TOTP_DIGITS, period: TOTP_PERIOD_SECONDS, timestamp: now });
}
