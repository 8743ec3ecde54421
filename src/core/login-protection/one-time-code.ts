import { createHash, randomInt, timingSafeEqual } from 'node:crypto';

/** Login protection codes by email and SMS: 6 digits from the OS generator. */
export function newOneTimeCode(): string {
  return String(randomInt(0, 1_000_000)).padStart(6, '0');
}

/**
 * SECURITY: only a hash is stored, salted with the challenge it was sent for, so a code read from the
 * database (or a backup) is not the code, and one challenge's code proves nothing for another.
 */
export function hashOneTimeCode(challengeId: string, code: string): string {
  return createHash('sha256').update(`${challengeId}:${code}`).digest('hex');
}

/** SECURITY: constant-time, so the time taken says nothing about how much of the code matched. */
export function oneTimeCodeMatches(challengeId: string, code: string, storedHash: string | null): boolean {
  const given = Buffer.from(hashOneTimeCode(challengeId, code), 'hex');
  const stored = Buffer.from(storedHash ?? '0'.repeat(64), 'hex');
  return stored.length === given.length && timingSafeEqual(given, stored) && storedHash !== null;
}

/** `b***@example.com`: enough for the user to know where to look, not enough to harvest the address. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at <= 0) return '***';
  return `${email.slice(0, 1)}***${email.slice(at)}`;
}

/** `138****5678`: the first three and last four digits of a long number, else only the last two. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\s+/g, '');
  if (digits.length >= 9) return `${digits.slice(0, 3)}****${digits.slice(-4)}`;
  return `***${digits.slice(-2)}`;
}
