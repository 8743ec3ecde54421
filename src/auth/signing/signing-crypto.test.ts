import assert from 'node:assert/strict';
import { createHash, createHmac } from 'node:crypto';
import { inspect } from 'node:util';
import { describe, it } from 'node:test';
import { SecretAccessKey } from '../../core/secrets.js';
import { awsSigningKey } from './aws-sigv4.js';
import {
  EMPTY_SHA256,
  hmac,
  macMatchesHex,
  scopedHmacKey,
  scopeId,
  secretHmacKey,
  sha256Hex,
  timingSafeEqualHex,
} from './signing-crypto.js';
import { decodeComponent, encodeRfc3986 } from './uri-encoding.js';

const SK = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';

describe('sha256Hex', () => {
  it('answers the empty body with the constant and anything else with SHA-256', () => {
    assert.equal(sha256Hex(Buffer.alloc(0)), EMPTY_SHA256);
    assert.equal(sha256Hex(''), EMPTY_SHA256);
    assert.equal(EMPTY_SHA256, createHash('sha256').update('').digest('hex'));
    for (const data of ['Action=GetUser', Buffer.from('é名😀'), 'lone \uD800 surrogate']) {
      assert.equal(sha256Hex(data), createHash('sha256').update(data).digest('hex'));
    }
  });
});

describe('macMatchesHex', () => {
  const mac = hmac(SK, 'string to sign');
  const hex = mac.toString('hex');

  it('gives the same answer as timingSafeEqualHex on the hex MAC', () => {
    const claims = [hex, hex.toUpperCase(), hex.slice(0, 63), `${hex}0`, `${hex.slice(0, 63)}g`, `${hex.slice(0, 62)}é`, '', 'x'.repeat(64), `0${hex.slice(1)}`];
    for (const claim of claims) assert.equal(macMatchesHex(mac, claim), timingSafeEqualHex(hex, claim), claim);
  });

  it('refuses a claim that is not a string', () => {
    assert.equal(macMatchesHex(mac, undefined as unknown as string), false);
  });
});

describe('per-secret key material', () => {
  it('HMACs with the imported key exactly as with the secret text', () => {
    for (const text of [SK, '', 'é名', 'lone \uDC00']) {
      const secret = new SecretAccessKey(text);
      assert.deepEqual(hmac(secretHmacKey(secret), 'data'), createHmac('sha256', text).update('data').digest(), text);
    }
    assert.equal(secretHmacKey(SK), SK, 'a plain string is used as is');
  });

  it('imports a secret once per SecretAccessKey object and never shows it', () => {
    const secret = new SecretAccessKey(SK);
    assert.equal(secretHmacKey(secret), secretHmacKey(secret));
    assert.notEqual(secretHmacKey(secret), secretHmacKey(new SecretAccessKey(SK)));
    assert.doesNotMatch(inspect(secretHmacKey(secret)), /EXAMPLEKEY/);
  });

  it('derives a scoped key once per object and scope, equal to the derivation itself', () => {
    const secret = new SecretAccessKey(SK);
    let derivations = 0;
    const derive = (raw: string) => {
      derivations++;
      return awsSigningKey(raw, '20150830', 'us-east-1', 'iam');
    };
    const id = scopeId('AWS4-HMAC-SHA256', '20150830', 'us-east-1', 'iam');
    const key = scopedHmacKey(secret, id, derive);
    assert.equal(scopedHmacKey(secret, id, derive), key);
    assert.equal(derivations, 1);
    assert.deepEqual(hmac(key, 'x'), hmac(awsSigningKey(SK, '20150830', 'us-east-1', 'iam'), 'x'));
    scopedHmacKey(secret, scopeId('AWS4-HMAC-SHA256', '20150831', 'us-east-1', 'iam'), derive);
    assert.equal(derivations, 2, 'another date is another key');
  });

  it('keeps scope ids apart when a field contains the separator', () => {
    assert.notEqual(scopeId('s', '20150830', 'a/b', 'c'), scopeId('s', '20150830', 'a', 'b/c'));
    assert.notEqual(scopeId('s', '2015083', '0a', 'b'), scopeId('s', '20150830', 'a', 'b'));
  });
});

describe('encoding fast paths', () => {
  it('return unreserved text as is and encode or decode everything else as before', () => {
    const slow = (v: string) => encodeURIComponent(v).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
    for (const v of ['GetUser', '2010-05-08', 'a.b~c_d', '', 'a b', "!'()*", 'é', '2026-11-23T16:00:00Z']) {
      assert.equal(encodeRfc3986(v), slow(v), v);
    }
    assert.equal(decodeComponent('GetUser', true), 'GetUser');
    assert.equal(decodeComponent('a+b', false), 'a+b');
    assert.equal(decodeComponent('a+b', true), 'a b');
    assert.equal(decodeComponent('lone \uD800', false), null, 'a lone surrogate is refused without any escape');
  });
});
