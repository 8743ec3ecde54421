import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeQueryText, parseFormEncoded } from './query-params.js';
import { WireValidationError } from './wire-errors.js';

describe('parseFormEncoded', () => {
  it('reads pairs as URLSearchParams does when the text is well-formed', () => {
    const text = 'Action=GetUser&&Version=2010-05-08&UserName=a+b%2Bc&Flag&=v&Empty=&Name=%C3%A9=x&';
    assert.deepEqual(parseFormEncoded(text, 'body'), [...new URLSearchParams(text)]);
  });

  it('appends to the list it is given, so the query and the body fill one list in order', () => {
    const pairs = parseFormEncoded('Action=GetUser', 'query');
    assert.equal(parseFormEncoded('Version=1&Action=Other', 'body', pairs), pairs);
    assert.deepEqual(pairs, [['Action', 'GetUser'], ['Version', '1'], ['Action', 'Other']]);
  });

  it('refuses a malformed escape, naming the key or, for a key, where it came from', () => {
    assert.throws(() => parseFormEncoded('UserName=%E9', 'query'), (err) => err instanceof WireValidationError && err.field === 'UserName' && err.reason === 'is not valid percent-encoded UTF-8');
    assert.throws(() => parseFormEncoded('Bad%ZZ=1', 'body'), (err) => err instanceof WireValidationError && err.field === 'body');
  });
});

describe('decodeQueryText', () => {
  it('re-reads the latin1 request target as UTF-8, strictly', () => {
    assert.equal(decodeQueryText('UserName=plain'), 'UserName=plain');
    assert.equal(decodeQueryText(Buffer.from('UserName=é', 'utf8').toString('latin1')), 'UserName=é');
    assert.throws(() => decodeQueryText('UserName=\u00e9'), WireValidationError);
  });
});
