/**
 * Kingsoft has no Node SDK, so these vectors are built by hand following kingsoftcloud/sdk-go
 * `ksyun/common/sign.go` and `ksyun/common/http/request.go` (see ksyun-simple.ts): the string to sign
 * is written out literally and the signature computed here with node:crypto, so the test does not
 * reuse the verifier's encoder. The wire forms mimic Go `url.Values.Encode` (sorted, space as `+`).
 */
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { describe, it } from 'node:test';
import { ksyunStringToSign, parseKsyunSignature, parseKsyunTimestamp, verifyKsyunSignature } from './ksyun-simple.js';
import type { SignedRequest } from './signed-request.js';
import { isAccepted, withChangedBody, withChangedQuery, withHeader } from './testing/raw-http.js';

const AK = 'AKLTksyunExample0000001';
const SK = 'ksyunSecretExample000000000000000001';
const scheme = { parse: parseKsyunSignature, verify: verifyKsyunSignature };

const STRING_TO_SIGN =
  'Accesskey=AKLTksyunExample0000001&Action=CreateLoginProfile&Password=Pa%24%24%20w0rd%21x~' +
  '&PasswordResetRequired=true&Region=cn-beijing-6&Service=iam&SignatureMethod=HMAC-SHA256' +
  '&SignatureVersion=1.0&Timestamp=2016-09-14T08%3A00%3A00Z&UserName=bob&Version=2015-11-01';
const SIGNATURE = createHmac('sha256', SK).update(STRING_TO_SIGN).digest('hex');
const WIRE_PARAMS =
  'Accesskey=AKLTksyunExample0000001&Action=CreateLoginProfile&Password=Pa%24%24+w0rd%21x~' +
  `&PasswordResetRequired=true&Region=cn-beijing-6&Service=iam&Signature=${SIGNATURE}` +
  '&SignatureMethod=HMAC-SHA256&SignatureVersion=1.0&Timestamp=2016-09-14T08%3A00%3A00Z&UserName=bob&Version=2015-11-01';

const getRequest: SignedRequest = {
  method: 'GET', path: '/', rawQuery: WIRE_PARAMS, body: Buffer.alloc(0),
  headers: { host: 'iam.api.ksyun.com', accept: 'application/json' },
};
const postRequest: SignedRequest = {
  method: 'POST', path: '/', rawQuery: '', body: Buffer.from(WIRE_PARAMS),
  headers: { host: 'iam.api.ksyun.com', accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded' },
};

describe('Kingsoft simple HMAC-SHA256: sdk-go GET and POST vectors', () => {
  it('builds the string to sign sign.go builds: sorted, strict, space as %20, Signature left out', () => {
    assert.equal(ksyunStringToSign(getRequest), STRING_TO_SIGN);
    assert.equal(ksyunStringToSign(postRequest), STRING_TO_SIGN);
  });

  it('GET: verifies and exposes the key, time, region and service', () => {
    const parsed = parseKsyunSignature(getRequest);
    assert.ok(typeof parsed === 'object' && parsed !== null);
    assert.equal(parsed.accessKeyId, AK);
    assert.equal(parsed.signedAt, Date.UTC(2016, 8, 14, 8, 0, 0));
    assert.equal(parsed.region, 'cn-beijing-6');
    assert.equal(parsed.service, 'iam');
    assert.equal(verifyKsyunSignature(getRequest, parsed, SK), true);
  });

  it('GET: refused with a wrong secret or a changed parameter', () => {
    assert.equal(isAccepted(scheme, getRequest, `${SK}x`), false);
    assert.equal(isAccepted(scheme, withChangedQuery(getRequest), SK), false);
    assert.equal(isAccepted(scheme, { ...getRequest, rawQuery: `${WIRE_PARAMS}&UserName2=eve` }, SK), false);
  });

  it('GET: a form body is merged into the signed parameters, so adding one is refused', () => {
    const withForm = withHeader({ ...getRequest, body: Buffer.from('UserName2=eve') }, 'content-type', 'application/x-www-form-urlencoded');
    assert.equal(isAccepted(scheme, withForm, SK), false);
    // a non-form body is not a parameter source for this scheme; dialects must not read one either
    assert.equal(isAccepted(scheme, { ...getRequest, body: Buffer.from('{"UserName":"eve"}') }, SK), true);
  });

  it('POST form: verifies; refused after a body byte, the content type or the query changes', () => {
    assert.equal(isAccepted(scheme, postRequest, SK), true);
    assert.equal(isAccepted(scheme, postRequest, `${SK}x`), false);
    assert.equal(isAccepted(scheme, withChangedBody(postRequest), SK), false);
    assert.equal(isAccepted(scheme, withHeader(postRequest, 'content-type', 'application/json'), SK), false);
    assert.equal(isAccepted(scheme, withChangedQuery(postRequest), SK), false);
  });
});

describe('Kingsoft simple HMAC-SHA256: parse failures', () => {
  const replace = (from: string, to: string): SignedRequest => ({ ...getRequest, rawQuery: WIRE_PARAMS.replace(from, to) });

  it('returns null without an Accesskey parameter', () => {
    assert.equal(parseKsyunSignature(replace('Accesskey=', 'AccessKey=')), null);
    assert.equal(parseKsyunSignature({ ...getRequest, rawQuery: 'Action=ListUsers' }), null);
  });

  it("is 'missing' without Signature", () => {
    assert.equal(parseKsyunSignature(replace(`&Signature=${SIGNATURE}`, '')), 'missing');
  });

  it("is 'malformed' without Timestamp or with an unreadable one", () => {
    assert.equal(parseKsyunSignature(replace('&Timestamp=2016-09-14T08%3A00%3A00Z', '')), 'malformed');
    assert.equal(parseKsyunSignature(replace('2016-09-14T08%3A00%3A00Z', '2016-09-31T08%3A00%3A00Z')), 'malformed');
    assert.equal(parseKsyunSignature(replace('2016-09-14T08%3A00%3A00Z', 'yesterday')), 'malformed');
  });

  it("is 'malformed' for another SignatureMethod, a repeated key or a bad escape", () => {
    assert.equal(parseKsyunSignature(replace('HMAC-SHA256', 'HMAC-SHA1')), 'malformed');
    assert.equal(parseKsyunSignature({ ...getRequest, rawQuery: `${WIRE_PARAMS}&UserName=eve` }), 'malformed');
    assert.equal(parseKsyunSignature({ ...postRequest, rawQuery: 'UserName=eve' }), 'malformed', 'key in query and body');
    assert.equal(parseKsyunSignature({ ...getRequest, rawQuery: `${WIRE_PARAMS}&x=%zz` }), 'malformed');
  });
});

describe('parseKsyunTimestamp', () => {
  it('reads the SDK format, offsets, fractions and epoch seconds', () => {
    assert.equal(parseKsyunTimestamp('2016-09-14T08:00:00Z'), Date.UTC(2016, 8, 14, 8));
    assert.equal(parseKsyunTimestamp('2016-09-14T16:00:00+08:00'), Date.UTC(2016, 8, 14, 8));
    assert.equal(parseKsyunTimestamp('2016-09-14T08:00:00.250Z'), Date.UTC(2016, 8, 14, 8));
    assert.equal(parseKsyunTimestamp('1473840000'), Date.UTC(2016, 8, 14, 8));
  });

  it('rejects anything else', () => {
    for (const value of ['2016-09-14 08:00:00Z', '2016-09-14T08:00:00', '20160914T080000Z', '-1', '2016-09-14T08:00:00+24:00']) {
      assert.equal(parseKsyunTimestamp(value), null, value);
    }
  });
});
