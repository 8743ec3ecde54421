import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import { describe, it } from 'node:test';
import { SecretAccessKey } from '../../core/secrets.js';
import {
  canonicalQuery,
  checkFreshness,
  DEFAULT_SKEW_MS,
  EMPTY_SHA256,
  encodeRfc3986,
  hideSensitive,
  hmac,
  isDeclaredPayloadHashValid,
  isWithinSkew,
  parseAuthorizationParams,
  parseBasicIsoDate,
  parseQuery,
  parseSignedHeaders,
  revealSecret,
  sha256Hex,
  timingSafeEqualHex,
  type HuaweiParsedSignature,
  type SignedRequest,
} from './signed-request.js';

describe('encodeRfc3986', () => {
  it('keeps only the RFC 3986 unreserved set raw', () => {
    assert.equal(encodeRfc3986('AZaz09-_.~'), 'AZaz09-_.~');
  });

  it("escapes the characters encodeURIComponent leaves raw: ! ' ( ) *", () => {
    assert.equal(encodeRfc3986("!'()*"), '%21%27%28%29%2A');
  });

  it('escapes space, plus, slash and equals with upper-case hex', () => {
    assert.equal(encodeRfc3986(' +/=:'), '%20%2B%2F%3D%3A');
  });

  it('encodes non-ASCII as UTF-8 bytes, including astral characters', () => {
    assert.equal(encodeRfc3986('é名😀'), '%C3%A9%E5%90%8D%F0%9F%98%80');
  });
});

describe('parseQuery', () => {
  it('splits on & and =, decodes escapes and keeps wire order', () => {
    assert.deepEqual(parseQuery('b=2%2F3&a=%C3%A9&flag', { plusAsSpace: false }), [
      { key: 'b', value: '2/3' },
      { key: 'a', value: 'é' },
      { key: 'flag', value: '' },
    ]);
  });

  it('treats + as a space only when asked', () => {
    assert.deepEqual(parseQuery('q=a+b', { plusAsSpace: true }), [{ key: 'q', value: 'a b' }]);
    assert.deepEqual(parseQuery('q=a+b', { plusAsSpace: false }), [{ key: 'q', value: 'a+b' }]);
  });

  it('skips empty pieces and returns [] for an empty query', () => {
    assert.deepEqual(parseQuery('', { plusAsSpace: true }), []);
    assert.deepEqual(parseQuery('&a=1&&', { plusAsSpace: true }), [{ key: 'a', value: '1' }]);
  });

  it('rejects malformed escapes and bytes that are not UTF-8', () => {
    for (const raw of ['a=%', 'a=%zz', 'a=%E9', '%=1', 'a=%ED%A0%80']) {
      assert.equal(parseQuery(raw, { plusAsSpace: true }), null, raw);
    }
  });
});

describe('canonicalQuery', () => {
  it('sorts by key then value and re-encodes strictly', () => {
    const params = [
      { key: 'b', value: 'z' },
      { key: 'b', value: 'a' },
      { key: 'a', value: "!'()* " },
    ];
    assert.equal(canonicalQuery(params, 'decoded'), 'a=%21%27%28%29%2A%20&b=a&b=z');
  });

  it('orders by encoded or decoded form as the scheme requires', () => {
    const params = [
      { key: 'a.', value: '1' },
      { key: 'a/', value: '2' },
    ];
    // decoded: '.' (0x2E) < '/' (0x2F); encoded: '%2F' starts with '%' (0x25) < '.'
    assert.equal(canonicalQuery(params, 'decoded'), 'a.=1&a%2F=2');
    assert.equal(canonicalQuery(params, 'encoded'), 'a%2F=2&a.=1');
  });
});

describe('hashing and comparison', () => {
  it('sha256Hex of the empty body is the well-known constant', () => {
    assert.equal(sha256Hex(Buffer.alloc(0)), EMPTY_SHA256);
  });

  it('hmac matches RFC 4231 test case 2', () => {
    assert.equal(
      hmac('Jefe', 'what do ya want for nothing?').toString('hex'),
      '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843',
    );
  });

  it('timingSafeEqualHex compares case-insensitively and refuses other lengths', () => {
    assert.equal(timingSafeEqualHex('abcdef', 'ABCDEF'), true);
    assert.equal(timingSafeEqualHex('abcdef', 'abcdee'), false);
    assert.equal(timingSafeEqualHex('abcdef', 'abcde'), false);
  });

  it('accepts a declared payload hash only when it covers the body', () => {
    const body = Buffer.from('Action=ListUsers');
    assert.equal(isDeclaredPayloadHashValid(sha256Hex(body), body, false), true);
    assert.equal(isDeclaredPayloadHashValid(EMPTY_SHA256, body, false), false);
    assert.equal(isDeclaredPayloadHashValid('UNSIGNED-PAYLOAD', Buffer.alloc(0), true), true);
    // SECURITY: an unsigned non-empty body could be rewritten by whoever replays the request
    assert.equal(isDeclaredPayloadHashValid('UNSIGNED-PAYLOAD', body, true), false);
    assert.equal(isDeclaredPayloadHashValid('UNSIGNED-PAYLOAD', Buffer.alloc(0), false), false);
  });
});

describe('parseBasicIsoDate', () => {
  it('reads YYYYMMDDTHHMMSSZ as UTC', () => {
    assert.equal(parseBasicIsoDate('20261123T111329Z'), Date.UTC(2026, 10, 23, 11, 13, 29));
    assert.equal(parseBasicIsoDate('20240229T235959Z'), Date.UTC(2024, 1, 29, 23, 59, 59));
  });

  it('rejects impossible dates and other shapes', () => {
    const bad = ['20261323T111329Z', '20230229T000000Z', '20261123T241329Z', '20261123T116029Z',
      '20261123T111360Z', '20261100T111329Z', '20261123T111329z', '20261123T111329', '2026-11-23T11:13:29Z',
      ' 20261123T111329Z', '00501123T111329Z'];
    for (const value of bad) assert.equal(parseBasicIsoDate(value), null, value);
  });
});

describe('skew and freshness', () => {
  const signedAt = Date.UTC(2026, 10, 23, 11, 13, 29);

  it('isWithinSkew allows 15 minutes either way, inclusive', () => {
    assert.equal(isWithinSkew(signedAt, signedAt + DEFAULT_SKEW_MS), true);
    assert.equal(isWithinSkew(signedAt, signedAt - DEFAULT_SKEW_MS), true);
    assert.equal(isWithinSkew(signedAt, signedAt + DEFAULT_SKEW_MS + 1), false);
    assert.equal(isWithinSkew(signedAt, signedAt + 1000, 500), false);
  });

  it('checkFreshness uses X-Amz-Expires for presigned requests and the window otherwise', () => {
    const base = { scheme: 'aws-sigv4' as const, form: 'query' as const, accessKeyId: 'AK', signedAt,
      region: 'us-east-1', service: 'iam', signature: '', signedHeaders: ['host'], requestDate: '',
      credentialScope: '' };
    const hourLater = signedAt + 60 * 60 * 1000;
    assert.equal(checkFreshness({ ...base, expiresAt: hourLater }, hourLater), null);
    assert.equal(checkFreshness({ ...base, expiresAt: hourLater }, hourLater + 1), 'expired');
    assert.equal(checkFreshness({ ...base, expiresAt: hourLater }, signedAt - DEFAULT_SKEW_MS - 1), 'expired');
    assert.equal(checkFreshness(base, hourLater), 'expired');
    assert.equal(checkFreshness(base, signedAt + 60_000), null);
  });
});

describe('authorization and header helpers', () => {
  const req: SignedRequest = {
    method: 'GET', path: '/', rawQuery: '', body: Buffer.alloc(0),
    headers: { host: 'h', 'x-sdk-date': '20261123T111329Z', 'set-cookie': ['a', 'b'] },
  };

  it('parses comma-separated name=value pairs and refuses repeats', () => {
    assert.deepEqual(
      [...(parseAuthorizationParams('Access=AK, SignedHeaders=host;x-sdk-date,Signature=ab') ?? [])],
      [['Access', 'AK'], ['SignedHeaders', 'host;x-sdk-date'], ['Signature', 'ab']],
    );
    assert.equal(parseAuthorizationParams('Signature=a, Signature=b'), null);
    assert.equal(parseAuthorizationParams('Signature'), null);
  });

  it('validates the SignedHeaders list against the request', () => {
    assert.deepEqual(parseSignedHeaders('host;x-sdk-date', req), ['host', 'x-sdk-date']);
    assert.equal(parseSignedHeaders('host;x-absent', req), null, 'names a header the request lacks');
    assert.equal(parseSignedHeaders('host;host', req), null, 'repeats a name');
    assert.equal(parseSignedHeaders('Host', req), null, 'not lower-case');
    assert.equal(parseSignedHeaders('', req), null, 'empty');
  });
});

describe('secret handling', () => {
  it('reveals branded and plain secrets alike', () => {
    assert.equal(revealSecret(new SecretAccessKey('sk')), 'sk');
    assert.equal(revealSecret('sk'), 'sk');
  });

  it('hides the signature and session token from JSON and inspect but keeps them readable', () => {
    const parsed: HuaweiParsedSignature = hideSensitive({
      scheme: 'huawei-sdk-hmac', accessKeyId: 'AK', signedAt: 0, signedHeaders: ['host'],
      requestDate: '20261123T111329Z', signature: 'a'.repeat(64), securityToken: 'session-token-value',
    });
    assert.equal(parsed.signature, 'a'.repeat(64));
    assert.equal(parsed.securityToken, 'session-token-value');
    for (const rendered of [JSON.stringify(parsed), inspect(parsed)]) {
      assert.doesNotMatch(rendered, /aaaaaaaa|session-token-value/);
      assert.match(rendered, /AK/);
    }
  });
});
