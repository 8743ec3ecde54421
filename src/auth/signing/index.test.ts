import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SecretAccessKey } from '../../core/secrets.js';
import { checkFreshness, detectScheme, verifySignature, type SignatureScheme } from './index.js';
import type { SignedRequest } from './signed-request.js';
import { AWS_SECRET, awsCaptures } from './testing/aws-captures.js';
import { HUAWEI_SECRET, huaweiCaptures } from './testing/huawei-captures.js';
import { parseRawHttp, withHeader } from './testing/raw-http.js';
import { VOLC_SECRET, volcCaptures } from './testing/volc-captures.js';

const cases: Array<{ scheme: SignatureScheme; secret: string; req: SignedRequest }> = [
  ...huaweiCaptures.map((c) => ({ scheme: 'huawei-sdk-hmac' as const, secret: HUAWEI_SECRET, req: parseRawHttp(c.raw) })),
  ...awsCaptures.map((c) => ({ scheme: 'aws-sigv4' as const, secret: AWS_SECRET, req: parseRawHttp(c.raw) })),
  ...volcCaptures.map((c) => ({ scheme: 'volc-hmac' as const, secret: VOLC_SECRET, req: parseRawHttp(c.raw) })),
];

describe('detectScheme + verifySignature', () => {
  it('routes every captured request to its scheme and verifies it', () => {
    for (const { scheme, secret, req } of cases) {
      const parsed = detectScheme(req);
      assert.ok(typeof parsed === 'object' && parsed !== null);
      assert.equal(parsed.scheme, scheme);
      assert.equal(verifySignature(req, parsed, secret), true);
      assert.equal(verifySignature(req, parsed, new SecretAccessKey(secret)), true, 'branded secret');
      assert.equal(verifySignature(req, parsed, `${secret}x`), false);
    }
  });

  it("a signature made with one vendor's scheme does not verify under another's secret", () => {
    const req = cases[0].req;
    const parsed = detectScheme(req);
    assert.ok(typeof parsed === 'object' && parsed !== null);
    assert.equal(verifySignature(req, parsed, AWS_SECRET), false);
  });

  it('detects presigned AWS and Kingsoft parameter signatures without an Authorization header', () => {
    const bare: SignedRequest = { method: 'GET', path: '/', headers: { host: 'h' }, body: Buffer.alloc(0), rawQuery: '' };
    const presigned = 'X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AK%2F20261123%2Fcn-beijing-6%2Fiam%2Faws4_request' +
      `&X-Amz-Date=20261123T111434Z&X-Amz-SignedHeaders=host&X-Amz-Signature=${'0'.repeat(64)}`;
    const aws = detectScheme({ ...bare, rawQuery: presigned });
    assert.ok(typeof aws === 'object' && aws !== null);
    assert.equal(aws.scheme, 'aws-sigv4');
    assert.equal(aws.region, 'cn-beijing-6');
    const ksyun = detectScheme({
      ...bare,
      rawQuery: `Accesskey=AK&Action=ListUsers&Signature=${'0'.repeat(64)}&SignatureMethod=HMAC-SHA256&Timestamp=1473840000`,
    });
    assert.ok(typeof ksyun === 'object' && ksyun !== null);
    assert.equal(ksyun.scheme, 'ksyun-simple');
  });

  it('returns null for unsigned requests and for Authorization schemes it does not speak', () => {
    const req = cases[0].req;
    assert.equal(detectScheme(withHeader(req, 'authorization', undefined)), null);
    assert.equal(detectScheme(withHeader(req, 'authorization', 'Bearer abc')), null);
    assert.equal(detectScheme(withHeader(req, 'authorization', 'AWS AKIDEXAMPLE:c2lnbmF0dXJl')), null, 'SigV2 is not accepted');
  });

  it('passes parse failures through', () => {
    assert.equal(detectScheme(withHeader(cases[0].req, 'x-sdk-date', undefined)), 'missing');
    assert.equal(detectScheme(withHeader(cases[0].req, 'authorization', 'SDK-HMAC-SHA256 nonsense')), 'malformed');
  });

  it('checkFreshness refuses the captured requests long after their signing time', () => {
    const parsed = detectScheme(cases[0].req);
    assert.ok(typeof parsed === 'object' && parsed !== null);
    assert.equal(checkFreshness(parsed, parsed.signedAt + 60_000), null);
    assert.equal(checkFreshness(parsed, parsed.signedAt + 16 * 60_000), 'expired');
    assert.equal(checkFreshness(parsed, parsed.signedAt - 16 * 60_000), 'expired');
  });
});
