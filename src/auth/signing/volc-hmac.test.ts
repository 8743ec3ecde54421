import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sha256Hex, type SignedRequest, type VolcParsedSignature } from './signed-request.js';
import { assertAuthenticAndTamperProof, isAccepted, parseRawHttp, withHeader } from './testing/raw-http.js';
import { VOLC_ACCESS_KEY, VOLC_SECRET, volcCaptures } from './testing/volc-captures.js';
import { parseVolcSignature, verifyVolcSignature, volcCanonicalRequest } from './volc-hmac.js';

const scheme = { parse: parseVolcSignature, verify: verifyVolcSignature };

function parsedOk(req: SignedRequest): VolcParsedSignature {
  const parsed = parseVolcSignature(req);
  assert.ok(typeof parsed === 'object' && parsed !== null, `parsed, got ${String(parsed)}`);
  return parsed;
}

function capture(name: string): SignedRequest {
  const found = volcCaptures.find((c) => c.name === name);
  assert.ok(found, name);
  return parseRawHttp(found.raw);
}

describe('Volcengine HMAC-SHA256: captured @volcengine/openapi requests (volcengine-captures.md)', () => {
  for (const { name, raw, canonicalRequest } of volcCaptures) {
    it(`${name}: canonical request, signature and tamper checks`, () => {
      const req = parseRawHttp(raw);
      const parsed = parsedOk(req);
      assert.equal(parsed.accessKeyId, VOLC_ACCESS_KEY);
      assert.equal(parsed.region, 'cn-north-1');
      assert.equal(parsed.service, 'iam');
      assert.equal(parsed.signedAt, Date.UTC(2026, 10, 23, 11, 14, 15));
      assert.equal(volcCanonicalRequest(req, parsed), canonicalRequest);
      assertAuthenticAndTamperProof(scheme, req, VOLC_SECRET, 'x-date');
    });
  }

  it('host is not signed by the JS SDK, so it is not required (README surprise 2)', () => {
    const req = capture('ListUsers (built-in)');
    assert.deepEqual(parsedOk(req).signedHeaders, ['x-date']);
    assert.equal(isAccepted(scheme, withHeader(req, 'host', 'elsewhere:1'), VOLC_SECRET), true);
  });

  it('the query is signed strictly encoded although `!` was sent raw', () => {
    const req = capture('createAPI CreateLoginProfile (GET)');
    assert.match(req.rawQuery, /Password=Pa%24%24w0rd!x/);
    assert.equal(isAccepted(scheme, { ...req, rawQuery: req.rawQuery.replace('w0rd!x', 'w0rd%21x') }, VOLC_SECRET), true);
    assert.equal(isAccepted(scheme, { ...req, rawQuery: req.rawQuery.replace('w0rd!x', 'w0rd!y') }, VOLC_SECRET), false);
  });

  it("form and JSON bodies: a changed body is 'bad-signature' before any HMAC", () => {
    for (const name of ['createJSONAPI CreateUser (POST json)', 'createUrlEncodeAPI UpdateUser (POST form)']) {
      const req = capture(name);
      assert.equal(parseVolcSignature({ ...req, body: Buffer.from(`${req.body.toString()} `) }), 'bad-signature', name);
    }
  });

  it('a body replaced together with its X-Content-Sha256 still fails: the header is signed', () => {
    const req = capture('createJSONAPI CreateUser (POST json)');
    const body = Buffer.from('{"UserName":"mallory","DisplayName":"Bob"}');
    const forged = withHeader({ ...req, body }, 'x-content-sha256', sha256Hex(body));
    assert.equal(parsedOk(forged).accessKeyId, VOLC_ACCESS_KEY);
    assert.equal(isAccepted(scheme, forged, VOLC_SECRET), false);
  });
});

describe('Volcengine HMAC-SHA256: parse failures', () => {
  const req = capture('createAPI GetLoginProfile error');
  const authorization = req.headers.authorization as string;
  const withAuthorization = (value: string): SignedRequest => withHeader(req, 'authorization', value);

  it('returns null for other Authorization schemes and none', () => {
    assert.equal(parseVolcSignature(withHeader(req, 'authorization', undefined)), null);
    assert.equal(parseVolcSignature(withAuthorization(`SDK-${authorization}`)), null);
  });

  it("is 'missing' without X-Date", () => {
    assert.equal(parseVolcSignature(withHeader(req, 'x-date', undefined)), 'missing');
  });

  it("is 'malformed' for a scope date, terminator or signature that does not fit", () => {
    assert.equal(parseVolcSignature(withAuthorization(authorization.replace('/20261123/', '/20261124/'))), 'malformed');
    assert.equal(parseVolcSignature(withAuthorization(authorization.replace('/request,', '/aws4_request,'))), 'malformed');
    assert.equal(parseVolcSignature(withAuthorization(authorization.replace(/Signature=\w+/, 'Signature='))), 'malformed');
    assert.equal(parseVolcSignature(withAuthorization(authorization.replace('SignedHeaders=x-date', 'SignedHeaders=x-absent;x-date'))),
      'malformed', 'a signed header the request lacks');
    assert.equal(parseVolcSignature(withHeader(req, 'x-date', '2026-11-23T11:14:15Z')), 'malformed');
  });

  it("is 'bad-signature' when X-Content-Sha256 does not cover an empty body", () => {
    assert.equal(parseVolcSignature(withHeader(req, 'x-content-sha256', sha256Hex('x'))), 'bad-signature');
    assert.equal(parseVolcSignature(withHeader(req, 'x-content-sha256', 'UNSIGNED-PAYLOAD')), 'bad-signature');
  });

  it('exposes X-Security-Token as securityToken', () => {
    assert.equal(parsedOk(withHeader(req, 'x-security-token', 'STS2eyJ')).securityToken, 'STS2eyJ');
  });
});
