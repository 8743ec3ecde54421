import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  huaweiCanonicalRequest,
  parseHuaweiSignature,
  verifyHuaweiSignature,
} from './huawei-sdk-hmac.js';
import { sha256Hex, type HuaweiParsedSignature, type SignedRequest } from './signed-request.js';
import { HUAWEI_ACCESS_KEY, HUAWEI_SECRET, huaweiCaptures } from './testing/huawei-captures.js';
import { assertAuthenticAndTamperProof, isAccepted, parseRawHttp, withHeader } from './testing/raw-http.js';

const scheme = { parse: parseHuaweiSignature, verify: verifyHuaweiSignature };

function parsedOk(req: SignedRequest): HuaweiParsedSignature {
  const parsed = parseHuaweiSignature(req);
  assert.ok(typeof parsed === 'object' && parsed !== null, `parsed, got ${String(parsed)}`);
  return parsed;
}

function capture(name: string): SignedRequest {
  const found = huaweiCaptures.find((c) => c.name === name);
  assert.ok(found, name);
  return parseRawHttp(found.raw);
}

describe('Huawei SDK-HMAC-SHA256: captured SDK requests (huawei-captures.md)', () => {
  for (const { name, raw, canonicalRequest } of huaweiCaptures) {
    it(`${name}: canonical request, signature and tamper checks`, () => {
      const req = parseRawHttp(raw);
      const parsed = parsedOk(req);
      assert.equal(parsed.accessKeyId, HUAWEI_ACCESS_KEY);
      assert.equal(parsed.signedAt, Date.UTC(2026, 10, 23, 11, 13, 29));
      assert.equal(huaweiCanonicalRequest(req, parsed), canonicalRequest);
      assertAuthenticAndTamperProof(scheme, req, HUAWEI_SECRET, 'content-type');
    });
  }

  it('v3 keystoneCreateUser: the signed X-Domain-Id is covered', () => {
    const req = capture('v3 keystoneCreateUser');
    assert.equal(isAccepted(scheme, withHeader(req, 'x-domain-id', 'd0000000000000000000000000000002'), HUAWEI_SECRET), false);
  });

  it('v3 keystoneValidateToken: the signed X-Subject-Token is covered', () => {
    const req = capture('v3 keystoneValidateToken');
    assert.deepEqual(parsedOk(req).signedHeaders, ['content-type', 'host', 'x-domain-id', 'x-sdk-date', 'x-subject-token']);
    assert.equal(isAccepted(scheme, withHeader(req, 'x-subject-token', 'MIIother'), HUAWEI_SECRET), false);
  });

  it('the host port is part of the signed value (README surprise 1)', () => {
    const req = capture('v5 showUserV5 404');
    assert.equal(isAccepted(scheme, withHeader(req, 'host', '127.0.0.1'), HUAWEI_SECRET), false);
  });

  it('unsigned headers (User-Agent, Accept) may change freely', () => {
    const req = withHeader(withHeader(capture('v5 listUsersV5'), 'user-agent', 'other'), 'accept', '*/*');
    assert.equal(isAccepted(scheme, req, HUAWEI_SECRET), true);
  });

  it('v5 listUsersV5: the query is canonicalised, not compared as sent', () => {
    // sent `limit=10&marker=abc%2B%2F%3D&group_id=g1`; lower-case escapes and another order verify too
    const req = { ...capture('v5 listUsersV5'), rawQuery: 'group_id=g1&marker=abc%2b%2f%3d&limit=10' };
    assert.equal(isAccepted(scheme, req, HUAWEI_SECRET), true);
    const other = { ...req, rawQuery: 'group_id=g1&marker=abc%2B%2F%3D&limit=10&limit=10' };
    assert.equal(isAccepted(scheme, other, HUAWEI_SECRET), false, 'an added repeated value is signed');
  });
});

describe('Huawei SDK-HMAC-SHA256: parse failures', () => {
  const base = capture('v3 keystoneListUsers');
  const authorization = base.headers.authorization as string;

  it('returns null without an SDK-HMAC-SHA256 Authorization header', () => {
    assert.equal(parseHuaweiSignature(withHeader(base, 'authorization', undefined)), null);
    assert.equal(parseHuaweiSignature(withHeader(base, 'authorization', authorization.replace('SDK-', ''))), null);
  });

  it("is 'missing' without X-Sdk-Date", () => {
    assert.equal(parseHuaweiSignature(withHeader(base, 'x-sdk-date', undefined)), 'missing');
  });

  it("is 'malformed' when SignedHeaders lacks x-sdk-date", () => {
    const noDate = authorization.replace('x-domain-id;x-sdk-date', 'x-domain-id');
    assert.equal(parseHuaweiSignature(withHeader(base, 'authorization', noDate)), 'malformed');
  });

  it("is 'malformed' when SignedHeaders names a header the request lacks", () => {
    assert.equal(parseHuaweiSignature(withHeader(base, 'x-domain-id', undefined)), 'malformed');
  });

  it("is 'malformed' for a bad date, signature, Access or path escape", () => {
    assert.equal(parseHuaweiSignature(withHeader(base, 'x-sdk-date', '20261123T251329Z')), 'malformed');
    const shortSignature = authorization.replace(/Signature=\w+/, 'Signature=abc');
    assert.equal(parseHuaweiSignature(withHeader(base, 'authorization', shortSignature)), 'malformed');
    const noAccess = authorization.replace(/Access=\w+, /, '');
    assert.equal(parseHuaweiSignature(withHeader(base, 'authorization', noAccess)), 'malformed');
    assert.equal(parseHuaweiSignature({ ...base, path: '/v3/users/%zz' }), 'malformed');
  });

  it("is 'bad-signature' when X-Sdk-Content-Sha256 does not cover the body", () => {
    const req = capture('v5 createLoginProfileV5');
    assert.equal(parseHuaweiSignature(withHeader(req, 'x-sdk-content-sha256', sha256Hex('{}'))), 'bad-signature');
    assert.equal(parseHuaweiSignature(withHeader(req, 'x-sdk-content-sha256', 'UNSIGNED-PAYLOAD')), 'bad-signature');
  });

  it('uses a matching X-Sdk-Content-Sha256 literally (same as sha256 of the body)', () => {
    const req = capture('v5 createLoginProfileV5');
    const withHash = withHeader(req, 'x-sdk-content-sha256', sha256Hex(req.body));
    assert.equal(isAccepted(scheme, withHash, HUAWEI_SECRET), true);
  });

  it('exposes X-Security-Token as securityToken', () => {
    const parsed = parsedOk(withHeader(base, 'x-security-token', 'hw-session-token'));
    assert.equal(parsed.securityToken, 'hw-session-token');
  });
});
