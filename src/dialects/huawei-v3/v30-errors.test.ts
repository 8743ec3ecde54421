/** @see #11 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AccessDeniedError, NotFoundError } from '../../core/errors.js';
import { InvalidAuthenticationCodeError } from '../../core/mfa/errors.js';
import { KeystoneHttpError } from './errors.js';
import { toV30Error, V30_ERRORS } from './v30-errors.js';

const RID = '0123456789abcdef0123456789abcdef';

describe('huawei-v3.0 error mapping', () => {
  it('answers {error_code, error_msg} with the documented code for each status', () => {
    assert.deepEqual(toV30Error(new NotFoundError('user', 'u1'), RID), { status: 404, body: { error_code: 'IAM.0004', error_msg: 'could not find user `u1`' } });
    assert.equal(toV30Error(new AccessDeniedError('iam:users:updateLoginProtect', 'user/u1'), RID).body.error_code, 'IAM.0003');
    assert.equal(toV30Error(new KeystoneHttpError(403, 'change your password first'), RID).body.error_code, 'IAM.0002');
    assert.deepEqual(toV30Error(new InvalidAuthenticationCodeError('second'), RID).body, {
      error_code: 'IAM.0007',
      error_msg: 'request parameter `authentication_code_second` is invalid: the authentication code is not valid',
    });
    const notAllowed = toV30Error(new KeystoneHttpError(405, 'no', { allow: 'GET' }), RID);
    assert.deepEqual([notAllowed.status, notAllowed.body.error_code, notAllowed.headers?.allow], [405, 'APIGW.0101', 'GET']);
  });

  it('503 with Retry-After when the database is away, 500 with the request id and no detail otherwise', () => {
    const unavailable = toV30Error(Object.assign(new Error('connect ECONNREFUSED 10.0.0.1:5432'), { code: 'ECONNREFUSED' }), RID);
    assert.deepEqual([unavailable.status, unavailable.body.error_code, unavailable.headers?.['retry-after']], [503, V30_ERRORS.unavailable.code, '1']);
    assert.doesNotMatch(unavailable.body.error_msg, /10\.0\.0\.1/);
    const internal = toV30Error(new TypeError('secret detail'), RID);
    assert.deepEqual([internal.status, internal.body.error_code], [500, 'IAM.0006']);
    assert.match(internal.body.error_msg, new RegExp(RID));
    assert.doesNotMatch(internal.body.error_msg, /secret detail/);
  });
});
