import type { IamError } from '../../core/errors.js';
import { isIamError } from '../../core/errors.js';
import { WireValidationError } from '../kit/wire-errors.js';

/** A CloudTrail error found by the dialect itself (CloudTrail API Reference, LookupEvents "Errors"). */
export class CloudTrailError extends Error {
  constructor(
    readonly code:
      | 'InvalidLookupAttributesException'
      | 'InvalidTimeRangeException'
      | 'InvalidNextTokenException'
      | 'InvalidMaxResultsException'
      | 'InvalidEventCategoryException'
      | 'UnknownOperationException'
      | 'SerializationException',
    message: string,
  ) {
    super(message);
  }
}

export interface JsonError {
  status: number;
  code: string;
  message: string;
}

/**
 * The JSON 1.1 error envelope: `{"__type": code, "message": ...}` (the SDK reads `__type`). Every
 * client mistake is a 400, as CloudTrail answers them; authentication failures use the codes of AWS's
 * JSON services (UnrecognizedClientException for an unknown key, InvalidSignatureException otherwise).
 */
export function toJsonError(err: unknown): JsonError {
  if (err instanceof CloudTrailError) return { status: 400, code: err.code, message: err.message };
  if (err instanceof WireValidationError) return { status: 400, code: 'ValidationException', message: err.message };
  if (!isIamError(err)) return { status: 500, code: 'InternalFailure', message: 'an internal error occurred' };
  return fromIamError(err);
}

function fromIamError(err: IamError): JsonError {
  switch (err.kind) {
    case 'authentication-failed': {
      const reason = (err as IamError & { reason?: string }).reason;
      if (reason === 'unknown-key' || reason === 'inactive-key') return { status: 400, code: 'UnrecognizedClientException', message: 'The security token included in the request is invalid.' };
      if (reason === 'clock-skew') return { status: 400, code: 'InvalidSignatureException', message: 'Signature expired.' };
      return { status: 400, code: 'InvalidSignatureException', message: 'The request signature we calculated does not match the signature you provided.' };
    }
    case 'access-denied':
    case 'disabled':
    case 'mfa-required':
      return { status: 400, code: 'AccessDeniedException', message: err.message };
    case 'invalid-input':
      return (err as IamError & { field?: string }).field === 'nextToken'
        ? { status: 400, code: 'InvalidNextTokenException', message: 'Invalid NextToken.' }
        : { status: 400, code: 'ValidationException', message: err.message };
    case 'not-found':
    case 'already-exists':
    case 'delete-conflict':
    case 'limit-exceeded':
    case 'password-policy':
    case 'expired':
    case 'precondition-failed':
      return { status: 400, code: 'ValidationException', message: err.message };
  }
}
