import { InvalidInputError, PreconditionFailedError } from '../errors.js';

/**
 * A wrong, stale, reused or malformed authentication code (AWS InvalidAuthenticationCode 403, Huawei
 * 400 on bind/unbind). An `invalid-input` on field `authenticationCode`, so every dialect's mapper
 * handles it without a new error kind. The message never holds the code.
 */
export class InvalidAuthenticationCodeError extends InvalidInputError {
  constructor(readonly which: 'first' | 'second' | 'code' = 'code') {
    super('authenticationCode', 'the authentication code is not valid');
  }
}

/** No sender is configured for the channel: a code cannot be sent, and the caller is told so (never a silent success). */
export class CodeSenderUnavailableError extends PreconditionFailedError {
  constructor(readonly channel: 'sms' | 'email', override readonly cause?: unknown) {
    super(cause === undefined ? `no ${channel === 'sms' ? 'SMS' : 'email'} sender is configured: a verification code cannot be sent` : `the ${channel === 'sms' ? 'SMS' : 'email'} sender failed: the verification code was not sent`);
  }
}

/** A second send on a channel within its interval. */
export class SendTooSoonError extends PreconditionFailedError {
  constructor(readonly channel: 'sms' | 'email', readonly retryAt: number) {
    super(`a verification code was sent less than 60 seconds ago: try again after ${new Date(retryAt).toISOString()}`);
  }
}

/** The method has no destination on file (no email, no phone number, no enabled device). */
export class NoDestinationError extends InvalidInputError {
  constructor(readonly method: 'vmfa' | 'sms' | 'email') {
    super('verificationMethod', method === 'vmfa' ? 'the user has no enabled virtual MFA device' : `the user has no ${method === 'sms' ? 'mobile number' : 'email address'} on file`);
  }
}
