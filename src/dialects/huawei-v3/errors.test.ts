import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AccessDeniedError, AlreadyExistsError, AuthenticationError, ExpiredError, InvalidInputError, NotFoundError, PasswordPolicyError, PreconditionFailedError } from '../../core/errors.js';
import { WireValidationError } from '../kit/wire-errors.js';
import { KeystoneHttpError, toKeystoneError } from './errors.js';

const RID = '0123456789abcdef0123456789abcdef';

describe('huawei-v3 error mapping', () => {
  it('uses the Keystone envelope with code, title and a message naming the problem', () => {
    const cases: Array<[unknown, number, string, RegExp]> = [
      [new WireValidationError('user.name', 'must be at most 32 characters'), 400, 'Bad Request', /invalid input for field `user.name`: must be at most 32 characters/],
      [new WireValidationError('user', 'is required', 'missing'), 400, 'Bad Request', /`user` is a required property/],
      [new NotFoundError('user', 'u1'), 404, 'Not Found', /could not find user `u1`/],
      [new AlreadyExistsError('user', 'alice'), 409, 'Conflict', /`alice` already exists/],
      [new AccessDeniedError('iam:users:createUserV5', 'user/x'), 403, 'Forbidden', /not authorized.*createUserV5/],
      [new AuthenticationError('bad-signature'), 401, 'Unauthorized', /requires authentication/],
      [new ExpiredError('password'), 401, 'Unauthorized', /password has expired/],
      [new InvalidInputError('oldPassword', 'x'), 401, 'Unauthorized', /original password is incorrect/],
      [new PasswordPolicyError([{ rule: 'min-length', limit: 8 }, { rule: 'reuse', limit: 3 }]), 400, 'Bad Request', /at least 8 characters; not one of the last 3 passwords/],
      [new PreconditionFailedError('the password was changed less than 5 minutes ago'), 400, 'Bad Request', /5 minutes/],
      [new KeystoneHttpError(405, 'nope', { allow: 'GET' }), 405, 'Method Not Allowed', /nope/],
      [Object.assign(new Error('body'), { statusCode: 413 }), 413, 'Request Entity Too Large', /limit of 1024 bytes/],
    ];
    for (const [err, status, title, message] of cases) {
      const mapped = toKeystoneError(err, RID, 1024);
      assert.equal(mapped.status, status, String(err));
      assert.equal(mapped.body.error.code, status);
      assert.equal(mapped.body.error.title, title);
      assert.match(mapped.body.error.message, message);
    }
  });

  it('answers 503 when the database cannot be reached and 500 for anything else, with the request id only', () => {
    const unavailable = toKeystoneError(Object.assign(new Error('connect ECONNREFUSED 10.0.0.1:5432'), { code: 'ECONNREFUSED' }), RID);
    assert.equal(unavailable.status, 503);
    assert.equal(unavailable.body.error.title, 'Service Unavailable');
    assert.equal(unavailable.headers?.['retry-after'], '1');
    assert.ok(!unavailable.body.error.message.includes('10.0.0.1'));
    const internal = toKeystoneError(new TypeError('secret detail'), RID);
    assert.equal(internal.status, 500);
    assert.match(internal.body.error.message, new RegExp(RID));
    assert.ok(!internal.body.error.message.includes('secret detail'));
  });
});
