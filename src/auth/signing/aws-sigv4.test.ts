import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { awsCanonicalRequest, parseAwsSignature, verifyAwsSignature } from './aws-sigv4.js';
import { parseQuery, sha256Hex, type AwsParsedSignature, type SignedRequest } from './signed-request.js';
import { AWS_ACCESS_KEY, AWS_SECRET, awsCaptures } from './testing/aws-captures.js';
import { assertAuthenticAndTamperProof, isAccepted, parseRawHttp, withHeader } from './testing/raw-http.js';

const scheme = { parse: parseAwsSignature, verify: verifyAwsSignature };
/** the example secret of the AWS General Reference and the SigV4 test suite */
const DOC_SECRET = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY';

function parsedOk(req: SignedRequest): AwsParsedSignature {
  const parsed = parseAwsSignature(req);
  assert.ok(typeof parsed === 'object' && parsed !== null, `parsed, got ${String(parsed)}`);
  return parsed;
}

describe('AWS SigV4: captured @aws-sdk/client-iam requests (aws-captures.md)', () => {
  for (const { name, raw, canonicalRequest } of awsCaptures) {
    it(`${name}: canonical request, signature and tamper checks`, () => {
      const req = parseRawHttp(raw);
      const parsed = parsedOk(req);
      assert.equal(parsed.form, 'header');
      assert.equal(parsed.region, 'us-east-1');
      assert.equal(parsed.service, 'iam');
      assert.equal(parsed.signedAt, Date.UTC(2026, 10, 23, 11, 14, 34));
      const query = parseQuery(req.rawQuery, { plusAsSpace: true }) ?? [];
      assert.equal(awsCanonicalRequest(req, parsed, query, sha256Hex(req.body)), canonicalRequest);
      assertAuthenticAndTamperProof(scheme, req, AWS_SECRET, 'amz-sdk-invocation-id');
    });
  }

  it('exposes the session token and the ASIA key of the session-token request', () => {
    const capture = awsCaptures.find((c) => c.name.includes('session token'));
    assert.ok(capture);
    const req = parseRawHttp(capture.raw);
    const parsed = parsedOk(req);
    assert.equal(parsed.accessKeyId, 'ASIAEXAMPLE000000001');
    assert.equal(parsed.securityToken, 'FQoGZXIvYXdzEXAMPLETOKEN');
    assert.equal(isAccepted(scheme, withHeader(req, 'x-amz-security-token', 'other'), AWS_SECRET), false);
  });

  it('refuses a body that no longer matches x-amz-content-sha256 before any HMAC', () => {
    const req = parseRawHttp(awsCaptures[0].raw);
    assert.equal(parsedOk(req).accessKeyId, AWS_ACCESS_KEY);
    assert.equal(parseAwsSignature({ ...req, body: Buffer.from('Action=CreateAccessKey') }), 'bad-signature');
    assert.equal(parseAwsSignature(withHeader(req, 'x-amz-content-sha256', 'UNSIGNED-PAYLOAD')), 'bad-signature');
  });
});

describe('AWS SigV4: published worked examples', () => {
  it('AWS General Reference "Add the signature to the HTTP request": GET iam ListUsers (2015)', () => {
    const req = parseRawHttp(`
GET /?Action=ListUsers&Version=2010-05-08 HTTP/1.1
Host: iam.amazonaws.com
Content-Type: application/x-www-form-urlencoded; charset=utf-8
X-Amz-Date: 20150830T123600Z
Authorization: AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/iam/aws4_request, SignedHeaders=content-type;host;x-amz-date, Signature=5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7`);
    assert.equal(parsedOk(req).accessKeyId, 'AKIDEXAMPLE');
    assertAuthenticAndTamperProof(scheme, req, DOC_SECRET, 'content-type');
  });

  it('same page, query-string form: presigned GET iam ListUsers with X-Amz-Expires=60', () => {
    const req = parseRawHttp(`
GET /?Action=ListUsers&Version=2010-05-08&X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIDEXAMPLE%2F20150830%2Fus-east-1%2Fiam%2Faws4_request&X-Amz-Date=20150830T123600Z&X-Amz-Expires=60&X-Amz-SignedHeaders=content-type%3Bhost&X-Amz-Signature=37ac2f4fde00b0ac9bd9eadeb459b1bbee224158d66e7ae5fcadb70b2d181d02 HTTP/1.1
Host: iam.amazonaws.com
Content-Type: application/x-www-form-urlencoded; charset=utf-8`);
    const parsed = parsedOk(req);
    assert.equal(parsed.form, 'query');
    assert.equal(parsed.expiresAt, Date.UTC(2015, 7, 30, 12, 37, 0));
    assertAuthenticAndTamperProof(scheme, req, DOC_SECRET, 'host');
  });

  it('AWS General Reference "Signed Signature Version 4 requests examples": POST iam ListUsers (2011)', () => {
    const req = parseRawHttp(`
POST / HTTP/1.1
Authorization: AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20110909/us-east-1/iam/aws4_request, SignedHeaders=content-type;host;x-amz-date, Signature=ced6826de92d2bdeed8f846f0bf508e8559e98e4b0199114b84c54174deb456c
host: iam.amazonaws.com
Content-type: application/x-www-form-urlencoded; charset=utf-8
x-amz-date: 20110909T233600Z

Action=ListUsers&Version=2010-05-08`);
    assertAuthenticAndTamperProof(scheme, req, DOC_SECRET, 'host');
  });

  it('SigV4 test suite get-vanilla-query-order-key-case: query sorted, service not iam', () => {
    const req = parseRawHttp(`
GET /?Param2=value2&Param1=value1 HTTP/1.1
Host:example.amazonaws.com
X-Amz-Date:20150830T123600Z
Authorization: AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500`);
    assert.equal(parsedOk(req).service, 'service');
    assertAuthenticAndTamperProof(scheme, req, DOC_SECRET, 'host');
  });
});

describe('AWS SigV4: parse failures', () => {
  const req = parseRawHttp(awsCaptures[1].raw);
  const authorization = req.headers.authorization as string;
  const withAuthorization = (value: string): SignedRequest => withHeader(req, 'authorization', value);

  it('returns null without an AWS4-HMAC-SHA256 header or X-Amz-* parameters', () => {
    assert.equal(parseAwsSignature(withHeader(req, 'authorization', undefined)), null);
    assert.equal(parseAwsSignature(withAuthorization(authorization.replace('AWS4-HMAC-SHA256', 'AWS4-HMAC-SHA512'))), null);
  });

  it("is 'malformed' when the scope date differs from the request date", () => {
    assert.equal(parseAwsSignature(withAuthorization(authorization.replace('/20261123/', '/20261122/'))), 'malformed');
  });

  it("is 'malformed' for a bad credential scope", () => {
    assert.equal(parseAwsSignature(withAuthorization(authorization.replace('aws4_request', 'aws5_request'))), 'malformed');
    assert.equal(parseAwsSignature(withAuthorization(authorization.replace('/us-east-1/', '//'))), 'malformed');
    assert.equal(parseAwsSignature(withAuthorization(authorization.replace(/Signature=\w+/, 'Signature=zz'))), 'malformed');
  });

  it("is 'missing' without x-amz-date or Date, and without a Signature", () => {
    assert.equal(parseAwsSignature(withHeader(req, 'x-amz-date', undefined)), 'missing');
    assert.equal(parseAwsSignature(withAuthorization(authorization.replace(/, Signature=\w+/, ''))), 'missing');
  });

  it('falls back to a basic-ISO Date header when x-amz-date is absent', () => {
    const unsignedDate = withAuthorization(authorization.replace(';x-amz-date', ''));
    const dated = withHeader(withHeader(unsignedDate, 'x-amz-date', undefined), 'date', '20261123T111434Z');
    assert.equal(parsedOk(dated).requestDate, '20261123T111434Z');
    assert.equal(parseAwsSignature(withHeader(dated, 'date', 'Mon, 23 Nov 2026 11:14:34 GMT')), 'malformed');
  });

  it("is 'malformed' with both an Authorization header and presigned parameters", () => {
    assert.equal(parseAwsSignature({ ...req, rawQuery: 'X-Amz-Signature=00' }), 'malformed');
  });

  it("is 'malformed' for presigned parameters that are incomplete, repeated or out of range", () => {
    const presigned = 'X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AK%2F20261123%2Fus-east-1%2Fiam%2Faws4_request' +
      `&X-Amz-Date=20261123T111434Z&X-Amz-SignedHeaders=host&X-Amz-Signature=${'0'.repeat(64)}`;
    const bare: SignedRequest = { ...withHeader(req, 'authorization', undefined), rawQuery: presigned };
    assert.equal(parsedOk(bare).form, 'query');
    assert.equal(parseAwsSignature({ ...bare, rawQuery: presigned.replace('AWS4-HMAC-SHA256', 'AWS4-HMAC-SHA1') }), 'malformed');
    assert.equal(parseAwsSignature({ ...bare, rawQuery: `${presigned}&X-Amz-Date=20261123T111435Z` }), 'malformed');
    assert.equal(parseAwsSignature({ ...bare, rawQuery: `${presigned}&X-Amz-Expires=604801` }), 'malformed');
    assert.equal(parseAwsSignature({ ...bare, rawQuery: `${presigned}&X-Amz-Expires=0` }), 'malformed');
    assert.equal(parseAwsSignature({ ...bare, rawQuery: presigned.replace(/&X-Amz-Signature=0+/, '') }), 'missing');
    assert.equal(parseAwsSignature({ ...bare, rawQuery: `${presigned}&bad=%zz` }), 'malformed');
  });
});
