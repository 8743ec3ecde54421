/**
 * Requests signed by the Huawei Node SDK's own signer (`@huaweicloud/huaweicloud-sdk-core`
 * `auth/AKSKSigner.js`), put on the "wire" the way the SDK does it: the path through axios'
 * `new URL()` (percent-encodes non-ASCII, leaves `!()*` raw) and the query through Node
 * `querystring.stringify` (http/DefaultHttpClient.js `paramsSerializer`), the body as JSON text.
 */
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { stringify } from 'node:querystring';
import { describe, it } from 'node:test';
import { huaweiCanonicalRequest, parseHuaweiSignature, verifyHuaweiSignature } from './huawei-sdk-hmac.js';
import type { SignedRequest } from './signed-request.js';
import { assertAuthenticAndTamperProof, isAccepted } from './testing/raw-http.js';

interface SdkRequest {
  method: string;
  endpoint: string;
  headers: Record<string, string>;
  queryParams: Record<string, string | string[]>;
  data?: unknown;
}
interface AkskSigner {
  sign(request: SdkRequest, credential: { getAk(): string; getSk(): string }): Record<string, string>;
}

const require = createRequire(import.meta.url);
const { AKSKSigner } = require('@huaweicloud/huaweicloud-sdk-core/auth/AKSKSigner') as { AKSKSigner: AkskSigner };

const AK = 'HWAKEXAMPLE0000000001';
const SK = 'hwSecretExample0000000000000000000000001';
const scheme = { parse: parseHuaweiSignature, verify: verifyHuaweiSignature };

function signWithSdk(request: SdkRequest): SignedRequest {
  const signed = AKSKSigner.sign(request, { getAk: () => AK, getSk: () => SK });
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(signed)) headers[name.toLowerCase()] = value;
  return {
    method: request.method,
    path: new URL(request.endpoint).pathname,
    rawQuery: stringify(request.queryParams),
    headers,
    body: Buffer.from(request.data === undefined ? '' : JSON.stringify(request.data), 'utf8'),
  };
}

describe('Huawei SDK-HMAC-SHA256: signed by the real AKSKSigner', () => {
  it("verifies a query with !'()*+ /= and repeated keys, and a non-ASCII path segment", () => {
    const req = signWithSdk({
      method: 'GET',
      endpoint: 'http://127.0.0.1:8080/v3/users/é名!()*~',
      headers: { 'content-type': 'application/json', 'X-Domain-Id': 'd1' },
      queryParams: { q: "!'()*+ /=", marker: 'abc+/=', b: ['z', 'a'] },
    });
    // the wire forms differ from what was signed, which is the point of this test (the signer
    // sorts array values in place, so they go out sorted; the keys keep insertion order)
    assert.equal(req.path, '/v3/users/%C3%A9%E5%90%8D!()*~');
    assert.equal(req.rawQuery, "q=!'()*%2B%20%2F%3D&marker=abc%2B%2F%3D&b=a&b=z");
    const parsed = parseHuaweiSignature(req);
    assert.ok(typeof parsed === 'object' && parsed !== null);
    assert.equal(parsed.accessKeyId, AK);
    assert.equal(
      huaweiCanonicalRequest(req, parsed)?.split('\n').slice(0, 3).join('\n'),
      'GET\n/v3/users/%C3%A9%E5%90%8D%21%28%29%2A~/\nb=a&b=z&marker=abc%2B%2F%3D&q=%21%27%28%29%2A%2B%20%2F%3D',
    );
    assertAuthenticAndTamperProof(scheme, req, SK, 'x-domain-id');
  });

  it('verifies a JSON body with a session token and exposes the token', () => {
    const req = signWithSdk({
      method: 'POST',
      endpoint: 'http://127.0.0.1:8080/v5/users/u1/login-profile',
      headers: { 'content-type': 'application/json', 'X-Security-Token': 'hw-session-token' },
      queryParams: {},
      data: { password: 'P@ssw0rd!x', password_reset_required: true },
    });
    const parsed = parseHuaweiSignature(req);
    assert.ok(typeof parsed === 'object' && parsed !== null);
    assert.equal(parsed.securityToken, 'hw-session-token');
    assert.ok(parsed.signedHeaders.includes('x-security-token'));
    assertAuthenticAndTamperProof(scheme, req, SK, 'x-security-token');
  });

  it('honours X-Sdk-Content-Sha256: UNSIGNED-PAYLOAD only while the body is empty', () => {
    const req = signWithSdk({
      method: 'DELETE',
      endpoint: 'http://127.0.0.1:8080/v5/users/u1/login-profile',
      headers: { 'content-type': 'application/json', 'X-Sdk-Content-Sha256': 'UNSIGNED-PAYLOAD' },
      queryParams: {},
    });
    assert.equal(isAccepted(scheme, req, SK), true);
    assert.equal(parseHuaweiSignature({ ...req, body: Buffer.from('["k1"]') }), 'bad-signature');
  });
});
