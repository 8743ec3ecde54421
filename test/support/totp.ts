import { Secret, TOTP } from 'otpauth';

/** The code an authenticator app shows for `seed` at `at` (epoch ms), computed by otpauth as a phone would. */
export function codeAt(base32Seed: string, at: number): string {
  return TOTP.generate({ secret: Secret.fromBase32(base32Seed), algorithm: 'SHA1', digits: 6, period: 30, timestamp: at });
}

/** Two consecutive codes ending at `at`: what EnableMFADevice / bind ask for */
export function consecutiveCodes(base32Seed: string, at: number): [string, string] {
  return [codeAt(base32Seed, at - 30_000), codeAt(base32Seed, at)];
}
