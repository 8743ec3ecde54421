import { AccessDeniedError } from '../errors.js';
import type { Principal } from '../principal.js';

/** What a caller offers as its second factor: AWS STS `SerialNumber` + `TokenCode` (A-AR, GetSessionToken). */
export interface MfaOffer {
  /** the virtual device's name in the caller's account, or null when the serial names none there */
  deviceName: string | null;
  tokenCode: string;
}

/** The core MFA devices, seen from STS: a code of the caller's own enabled device, spent once. */
export interface MfaCodeVerifier {
  verifyDeviceCode(accountId: string, userId: string, deviceName: string, code: string): Promise<'accepted' | 'unknown-device' | 'invalid-code'>;
}

/**
 * An MFA check that failed (AWS STS answers AccessDenied 403 with "MultiFactorAuthentication failed…",
 * a message per problem). An access-denied, so every dialect's mapper handles it.
 */
export class MfaAuthenticationError extends AccessDeniedError {
  constructor(
    action: string,
    resource: string,
    /** `incomplete`: one of SerialNumber and TokenCode without the other */
    readonly problem: 'unknown-device' | 'invalid-code' | 'incomplete',
  ) {
    super(action, resource, 'not-allowed');
  }
}

/**
 * Verifies the caller's code and spends it (a code is accepted once, on any node: the device's last
 * accepted step moves forward in one conditional UPDATE). A role session has no device of its own.
 * @throws access-denied (MfaAuthenticationError)
 */
export async function proveMfa(verifier: MfaCodeVerifier | undefined, principal: Principal, offer: MfaOffer, action: string, resource: string): Promise<void> {
  if (verifier === undefined || offer.deviceName === null || principal.session !== undefined) throw new MfaAuthenticationError(action, resource, 'unknown-device');
  const answer = await verifier.verifyDeviceCode(principal.accountId, principal.userId, offer.deviceName, offer.tokenCode);
  if (answer !== 'accepted') throw new MfaAuthenticationError(action, resource, answer);
}
