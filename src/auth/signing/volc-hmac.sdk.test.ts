/**
 * Requests signed by the Volcengine Node SDK's own signer (`@volcengine/openapi`
 * `lib/base/sign.js`), put on the "wire" as `lib/base/service.js` `fetchOpenAPI` does: the query via
 * Node `querystring.stringify` of the (signer-sorted) params, a JSON body as `JSON.stringify`, a
 * form body as `URLSearchParams#toString`.
 */
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { stringify } from 'node:querystring';
import { describe, it } from 'node:test';
import type { SignedRequest } from './signed-request.js';
import { assertAuthenticAndTamperProof, isAccepted } from './testing/raw-http.js';
import { parseVolcSignature, verifyVolcSignature } from './volc-hmac.js';

interface VolcRequest {
  region: string;
  method: string;
  pathname: string;
  params: Record<string, string>;
  headers: Record<string, string>;
  body?: unknown;
}
interface VolcSigner {
  addAuthorization(credentials: { accessKeyId: string; secretKey: string; sessionToken?: string }, date?: Date): void;
}

const require = createRequire(import.meta.url);
const { default: Signer } = require('@volcengine/openapi/lib/base/sign.js') as {
  default: new (request: VolcRequest, serviceName: string) => VolcSigner;
};

const AK = 'AKLTexampleAK000000000001';
const SK = 'volcSecretExample000000000000000001';
const scheme = { parse: parseVolcSignature, verify: verifyVolcSignature };
const date = new Date(Date.UTC(2026, 10, 23, 11, 14, 15));

function signWithSdk(
  method: string,
  params: Record<string, string>,
  options: { body?: unknown; wireBody?: string; headers?: Record<string, string>; sessionToken?: string } = {},
): SignedRequest {
  const request: VolcRequest = {
    region: 'cn-north-1', method, pathname: '/', params, headers: { ...options.headers }, body: options.body,
  };
  new Signer(request, 'iam').addAuthorization({ accessKeyId: AK, secretKey: SK, sessionToken: options.sessionToken }, date);
  const headers: Record<string, string> = { host: '127.0.0.1:34885', 'user-agent': 'volc-sdk-nodejs/v1.36.2' };
  for (const [name, value] of Object.entries(request.headers)) headers[name.toLowerCase()] = value;
  return {
    method,
    path: '/',
    rawQuery: stringify(request.params),
    headers,
    body: Buffer.from(options.wireBody ?? '', 'utf8'),
  };
}

describe('Volcengine HMAC-SHA256: signed by the real sign.js', () => {
  it("GET with !'()* space, plus, slash and non-ASCII in the query", () => {
    const req = signWithSdk('GET', { Action: 'ListUsers', Version: '2018-01-01', Query: "a!'()* b+c/é", Limit: '10' });
    assert.match(req.rawQuery, /Query=a!'\(\)\*%20b%2Bc%2F%C3%A9/, 'querystring leaves !\'()* raw on the wire');
    const parsed = parseVolcSignature(req);
    assert.ok(typeof parsed === 'object' && parsed !== null);
    assert.deepEqual(parsed.signedHeaders, ['x-date']);
    assertAuthenticAndTamperProof(scheme, req, SK, 'x-date');
  });

  it('POST JSON body: X-Content-Sha256 is signed and checked against the body', () => {
    const body = { UserName: 'bob', DisplayName: 'Bób' };
    const req = signWithSdk('POST', { Action: 'CreateUser', Version: '2018-01-01' }, {
      body, wireBody: JSON.stringify(body), headers: { 'content-type': 'application/json; charset=utf-8' },
    });
    const parsed = parseVolcSignature(req);
    assert.ok(typeof parsed === 'object' && parsed !== null);
    assert.deepEqual(parsed.signedHeaders, ['x-content-sha256', 'x-date']);
    assertAuthenticAndTamperProof(scheme, req, SK, 'x-content-sha256');
  });

  it('POST form body from URLSearchParams', () => {
    const body = new URLSearchParams({ UserName: 'bob', NewDisplayName: 'Bobby Tables' });
    const req = signWithSdk('POST', { Action: 'UpdateUser', Version: '2018-01-01' }, {
      body, wireBody: body.toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    assertAuthenticAndTamperProof(scheme, req, SK, 'x-date');
  });

  it('STS credentials: X-Security-Token is signed and exposed', () => {
    const req = signWithSdk('GET', { Action: 'GetUser', Version: '2018-01-01', UserName: 'bob' }, { sessionToken: 'STS2eyJ' });
    const parsed = parseVolcSignature(req);
    assert.ok(typeof parsed === 'object' && parsed !== null);
    assert.equal(parsed.securityToken, 'STS2eyJ');
    assertAuthenticAndTamperProof(scheme, req, SK, 'x-security-token');
  });

  it('a client that signs host as well (other Volcengine SDKs, docs examples) verifies', () => {
    const req = signWithSdk('GET', { Action: 'ListUsers', Version: '2018-01-01' }, { headers: { Host: '127.0.0.1:34885' } });
    const parsed = parseVolcSignature(req);
    assert.ok(typeof parsed === 'object' && parsed !== null);
    assert.deepEqual(parsed.signedHeaders, ['host', 'x-date']);
    assert.equal(isAccepted(scheme, req, SK), true);
    assert.equal(isAccepted(scheme, { ...req, headers: { ...req.headers, host: '127.0.0.1:1' } }, SK), false);
  });
});
