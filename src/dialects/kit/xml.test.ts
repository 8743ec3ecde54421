import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { xmlSuccess } from './aws-family/envelope.js';
import { awsMemberPath } from './aws-family/errors.js';
import { toAwsXml } from './xml.js';

describe('toAwsXml', () => {
  it('writes member lists, nested objects, booleans, numbers and dates; leaves out undefined', () => {
    const xml = toAwsXml('ListUsersResponse', 'https://iam.amazonaws.com/doc/2010-05-08/', {
      ListUsersResult: { Users: [{ UserName: 'a', Path: '/' }, { UserName: 'b' }], IsTruncated: false, Marker: undefined, Count: 2 },
      When: new Date(Date.UTC(2024, 0, 2, 3, 4, 5)),
      Empty: [],
      Nothing: null,
    });
    assert.equal(
      xml,
      '<?xml version="1.0" encoding="UTF-8"?>\n<ListUsersResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/">' +
        '<ListUsersResult><Users><member><UserName>a</UserName><Path>/</Path></member><member><UserName>b</UserName></member></Users>' +
        '<IsTruncated>false</IsTruncated><Count>2</Count></ListUsersResult><When>2024-01-02T03:04:05.000Z</When><Empty></Empty><Nothing></Nothing></ListUsersResponse>',
    );
  });

  it('escapes markup and replaces characters XML 1.0 cannot carry', () => {
    assert.equal(toAwsXml('R', undefined, { M: `a&b<c>'d"\u0001\uD800` }), '<?xml version="1.0" encoding="UTF-8"?>\n<R><M>a&amp;b&lt;c&gt;\'d"\uFFFD\uFFFD</M></R>');
  });
});

describe('xmlSuccess', () => {
  it('writes the bytes toAwsXml writes for the same envelope, with or without a result', () => {
    const ns = 'https://iam.amazonaws.com/doc/2010-05-08/';
    const result = { User: { UserName: 'a&b', Tags: [{ Key: 'k', Value: '<v>' }], PasswordLastUsed: undefined } };
    assert.equal(xmlSuccess('GetUser', ns, 'GetUserResult', result, 'r1'), toAwsXml('GetUserResponse', ns, { GetUserResult: result, ResponseMetadata: { RequestId: 'r1' } }));
    assert.equal(xmlSuccess('DeleteUser', undefined, 'DeleteUserResult', undefined, 'r2'), toAwsXml('DeleteUserResponse', undefined, { ResponseMetadata: { RequestId: 'r2' } }));
  });
});

describe('awsMemberPath', () => {
  it('words parameter names as AWS validation messages do', () => {
    assert.equal(awsMemberPath('UserName'), 'userName');
    assert.equal(awsMemberPath('Tags.member.3.Key'), 'tags.3.member.key');
    assert.equal(awsMemberPath('TagKeys.member.1'), 'tagKeys.1.member');
  });
});
