/**
 * Requests signed by the AWS SDK's own signer, `@smithy/signature-v4` (installed with
 * @aws-sdk/client-iam), in both the header form (`sign`) and the presigned-query form (`presign`).
 * `@aws-crypto/sha256-js` is not installed, so `NodeSha256` adapts node:crypto to the signer's
 * Checksum interface (HMAC when constructed with a secret, as the signer expects).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SignatureV4 } from '@smithy/signature-v4';
import type { HttpRequest } from '@smithy/types';
import { parseAwsSignature, verifyAwsSignature } from './aws-sigv4.js';
import { checkFreshness, encodeRfc3986, type AwsParsedSignature, type SignedRequest } from './signed-request.js';
import { NodeSha256 } from './testing/node-sha256.js';
import { assertAuthenticAndTamperProof, isAccepted } from './testing/raw-http.js';


const AK = 'AKIAEXAMPLE000000001';
const SK = 'awsSecretExample0000000000000000000000001';
const scheme = { parse: parseAwsSignature, verify: verifyAwsSignature };
const signingDate = new Date(Date.UTC(2026, 10, 23, 11, 14, 34));

function signer(service = 'iam', sessionToken?: string): SignatureV4 {
  return new SignatureV4({
    credentials: { accessKeyId: sessionToken ? 'ASIAEXAMPLE000000001' : AK, secretAccessKey: SK, sessionToken },
    region: 'us-east-1',
    service,
    sha256: NodeSha256,
  });
}

function request(method: string, query: Record<string, string>, body?: string): HttpRequest {
  return {
    method, protocol: 'http:', hostname: '127.0.0.1', port: 35415, path: '/', query,
    headers: { host: '127.0.0.1:35415', ...(body !== undefined && { 'content-type': 'application/x-www-form-urlencoded' }) },
    body,
  };
}

/** what reaches the server: @smithy/querystring-builder escapes keys and values strictly */
function toSignedRequest(signed: HttpRequest): SignedRequest {
  const query = Object.entries(signed.query ?? {})
    .map(([key, value]) => `${encodeRfc3986(key)}=${encodeRfc3986(String(value))}`)
    .join('&');
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(signed.headers)) headers[name.toLowerCase()] = value;
  return {
    method: signed.method,
    path: signed.path,
    rawQuery: query,
    headers,
    body: Buffer.from(typeof signed.body === 'string' ? signed.body : '', 'utf8'),
  };
}

function parsedOk(req: SignedRequest): AwsParsedSignature {
  const parsed = parseAwsSignature(req);
  assert.ok(typeof parsed === 'object' && parsed !== null, `parsed, got ${String(parsed)}`);
  return parsed;
}

describe('AWS SigV4: signed by @smithy/signature-v4', () => {
  it('header form: IAM query-protocol POST with a session token', async () => {
    const body = 'Action=CreateUser&Version=2010-05-08&UserName=bob&Path=%2Fdivision_abc%2F';
    const signed = await signer('iam', 'FQoGZXIvYXdzEXAMPLETOKEN').sign(request('POST', {}, body), { signingDate });
    const req = toSignedRequest(signed);
    const parsed = parsedOk(req);
    assert.equal(parsed.form, 'header');
    assert.equal(parsed.securityToken, 'FQoGZXIvYXdzEXAMPLETOKEN');
    assert.equal(parsed.signedAt, signingDate.getTime());
    assertAuthenticAndTamperProof(scheme, req, SK, 'x-amz-security-token');
  });

  it('header form: the service comes from the scope, not from the verifier', async () => {
    const signed = await signer('sts').sign(request('POST', {}, 'Action=GetCallerIdentity&Version=2011-06-15'), { signingDate });
    const req = toSignedRequest(signed);
    assert.equal(parsedOk(req).service, 'sts');
    assert.equal(isAccepted(scheme, req, SK), true);
  });

  it("presigned GET: special characters in the query, X-Amz-Expires and freshness", async () => {
    const query = { Action: 'ListUsers', Version: '2010-05-08', PathPrefix: "/a b+c!*'()~é/" };
    const signed = await signer().presign(request('GET', query), { signingDate, expiresIn: 300 });
    const req = toSignedRequest(signed);
    const parsed = parsedOk(req);
    assert.equal(parsed.form, 'query');
    assert.deepEqual(parsed.signedHeaders, ['host']);
    assert.equal(parsed.expiresAt, signingDate.getTime() + 300_000);
    assert.equal(checkFreshness(parsed, signingDate.getTime() + 300_000), null);
    assert.equal(checkFreshness(parsed, signingDate.getTime() + 300_001), 'expired');
    assertAuthenticAndTamperProof(scheme, req, SK, 'host');
  });

  it('presigned GET: another wire escaping of the same query still verifies', async () => {
    const query = { Action: 'ListUsers', Version: '2010-05-08', PathPrefix: '/a b/' };
    const req = toSignedRequest(await signer().presign(request('GET', query), { signingDate }));
    // URLSearchParams sends the space as '+' and the slashes raw
    const rewritten = { ...req, rawQuery: new URLSearchParams(Object.entries(signedQuery(req))).toString() };
    assert.notEqual(rewritten.rawQuery, req.rawQuery);
    assert.equal(isAccepted(scheme, rewritten, SK), true);
  });

  it('presigned with a session token exposes X-Amz-Security-Token', async () => {
    const signed = await signer('iam', 'FQoGZXIvYXdzEXAMPLETOKEN').presign(request('GET', { Action: 'GetUser' }), { signingDate });
    const req = toSignedRequest(signed);
    assert.equal(parsedOk(req).securityToken, 'FQoGZXIvYXdzEXAMPLETOKEN');
    assert.equal(isAccepted(scheme, req, SK), true);
  });

  it('presigned POST: the body is covered by sha256(body)', async () => {
    const body = 'Action=ListUsers&Version=2010-05-08';
    const req = toSignedRequest(await signer().presign(request('POST', {}, body), { signingDate }));
    assertAuthenticAndTamperProof(scheme, req, SK, 'content-type');
  });

  it('presigned UNSIGNED-PAYLOAD is honoured only while the body is empty', async () => {
    const unsigned = (body?: string): HttpRequest => {
      const base = request(body === undefined ? 'GET' : 'POST', { Action: 'ListUsers' }, body);
      return { ...base, headers: { ...base.headers, 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' } };
    };
    const empty = toSignedRequest(await signer().presign(unsigned(), { signingDate }));
    assert.equal(signedQuery(empty)['x-amz-content-sha256'], 'UNSIGNED-PAYLOAD', 'smithy hoists the header');
    assert.equal(isAccepted(scheme, empty, SK), true);
    // SECURITY: a non-empty body the signature does not cover is refused (see isDeclaredPayloadHashValid)
    const withBody = toSignedRequest(await signer().presign(unsigned('Action=CreateAccessKey'), { signingDate }));
    assert.equal(isAccepted(scheme, withBody, SK), false);
  });
});

function signedQuery(req: SignedRequest): Record<string, string> {
  return Object.fromEntries(new URLSearchParams(req.rawQuery));
}
