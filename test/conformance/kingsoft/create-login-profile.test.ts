/**
 * Golden request/response pairs from the seed, ../shared/seeds/ksyun-iam-create-login-profile.txt
 * (Kingsoft docs page 1414, CreateLoginProfile): the request example, its XML and JSON responses, and
 * every error code it lists, with their statuses and messages.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestServer, type TestServer } from '../../support/server.js';
import { errorOf, ks, rootKeys, type Keys } from './support.js';

const ISO_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

describe('kingsoft CreateLoginProfile, as the seed documents it', () => {
  let server: TestServer;
  let keys: Keys;

  before(async () => {
    server = await startTestServer();
    keys = rootKeys(server);
    for (const name of ['Bob', 'Carol', 'Dave', 'Erin']) assert.equal((await ks(server, keys, { Action: 'CreateUser', UserName: name })).status, 200);
    // the seed's example password `123456` must pass: a policy of six characters and no classes
    assert.equal((await ks(server, keys, { Action: 'UpdateAccountPasswordPolicy', MinimumPasswordLength: '6' })).status, 200);
  });
  after(() => server.close());

  it('the request example answers the XML example: CreateLoginProfileResponse/Result/LoginProfile and ResponseMetadata/RequestId', async () => {
    // http://iam.api.ksyun.com/?Action=CreateLoginProfile&Password=123456&UserName=Bob&<common parameters>
    const res = await ks(server, keys, { Action: 'CreateLoginProfile', Password: '123456', UserName: 'Bob' });
    assert.equal(res.status, 200, res.body);
    assert.match(String(res.headers['content-type']), /^application\/xml/);
    const requestId = /<RequestId>([^<]+)<\/RequestId>/.exec(res.body)?.[1] ?? '';
    const createDate = /<CreateDate>([^<]+)<\/CreateDate>/.exec(res.body)?.[1] ?? '';
    assert.match(createDate, ISO_MS);
    // element for element, in the seed's order, without a namespace
    assert.equal(
      res.body,
      '<?xml version="1.0" encoding="UTF-8"?>\n' +
        '<CreateLoginProfileResponse><CreateLoginProfileResult><LoginProfile>' +
        `<PasswordResetRequired>false</PasswordResetRequired><UserName>Bob</UserName><CreateDate>${createDate}</CreateDate>` +
        `</LoginProfile></CreateLoginProfileResult><ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></CreateLoginProfileResponse>`,
    );
  });

  it('with Accept: application/json it answers the JSON example (the flag as the string "false")', async () => {
    const res = await ks(server, keys, { Action: 'CreateLoginProfile', Password: '123456', UserName: 'Carol' }, { json: true });
    assert.equal(res.status, 200, res.body);
    assert.match(String(res.headers['content-type']), /^application\/json/);
    const doc = res.doc as { CreateLoginProfileResult: { LoginProfile: { CreateDate: string } }; ResponseMetadata: { RequestId: string }; RequestId: string };
    assert.match(doc.CreateLoginProfileResult.LoginProfile.CreateDate, ISO_MS);
    assert.deepEqual(doc, {
      CreateLoginProfileResult: { LoginProfile: { PasswordResetRequired: 'false', UserName: 'Carol', CreateDate: doc.CreateLoginProfileResult.LoginProfile.CreateDate } },
      ResponseMetadata: { RequestId: doc.ResponseMetadata.RequestId },
      // the Go SDK's response structs read the request id at the top level; both are sent
      RequestId: doc.ResponseMetadata.RequestId,
    });
  });

  it('PasswordResetRequired given without a value means true ("带参数调用即为true")', async () => {
    const res = await ks(server, keys, { Action: 'CreateLoginProfile', Password: '123456', UserName: 'Dave', PasswordResetRequired: '' }, { json: true });
    assert.equal(res.status, 200, res.body);
    assert.equal((res.doc as { CreateLoginProfileResult: { LoginProfile: { PasswordResetRequired: string } } }).CreateLoginProfileResult.LoginProfile.PasswordResetRequired, 'true');
  });

  it('InvalidParameterValue 400 for an empty value, naming the parameter', async () => {
    for (const params of [{ Password: '', UserName: 'Erin' }, { Password: '123456', UserName: '' }]) {
      const res = await ks(server, keys, { Action: 'CreateLoginProfile', ...params });
      const field = params.Password === '' ? 'Password' : 'UserName';
      assert.equal(res.status, 400);
      assert.deepEqual(errorOf(res), { Type: 'Sender', Code: 'InvalidParameterValue', Message: `An value must be supplied for the input parameter ${field}.` });
    }
  });

  it('InvalidParameterValue 400 for an invalid or out-of-range value: Password 1-128 of [:graph:], UserName 1-64 of [\\w+=,.@-]', async () => {
    const cases: Array<[Record<string, string>, string]> = [
      [{ Password: 'has space', UserName: 'Erin' }, 'Password'],
      [{ Password: 'é-not-ascii', UserName: 'Erin' }, 'Password'],
      [{ Password: 'p'.repeat(129), UserName: 'Erin' }, 'Password'],
      [{ Password: '123456', UserName: 'e'.repeat(65) }, 'UserName'],
      [{ Password: '123456', UserName: 'bad/name' }, 'UserName'],
      [{ Password: '123456', UserName: 'Erin', PasswordResetRequired: 'maybe' }, 'PasswordResetRequired'],
    ];
    for (const [params, field] of cases) {
      const res = await ks(server, keys, { Action: 'CreateLoginProfile', ...params }, { json: true });
      assert.equal(res.status, 400, res.body);
      assert.deepEqual(res.doc, {
        RequestId: (res.doc as { RequestId: string }).RequestId,
        Error: { Type: 'Sender', Code: 'InvalidParameterValue', Message: `An invalid or out-of-range value was supplied for the input parameter ${field}.` },
      });
    }
  });

  it('UserNoSuchEntity 404 for a user that does not exist', async () => {
    const res = await ks(server, keys, { Action: 'CreateLoginProfile', Password: '123456', UserName: 'Nobody' });
    assert.equal(res.status, 404);
    assert.deepEqual(errorOf(res), { Type: 'Sender', Code: 'UserNoSuchEntity', Message: "The request was rejected because it referenced 'User' that does not exist." });
    assert.match(res.body, /^<\?xml version="1\.0" encoding="UTF-8"\?>\n<ErrorResponse><RequestId>[^<]+<\/RequestId><Error><Type>Sender<\/Type>/);
  });

  it('EntityAlreadyExists 409 for a second profile', async () => {
    const res = await ks(server, keys, { Action: 'CreateLoginProfile', Password: '654321', UserName: 'Bob' });
    assert.equal(res.status, 409);
    assert.deepEqual(errorOf(res), { Type: 'Sender', Code: 'EntityAlreadyExists', Message: 'The request was rejected because it attempted to create a resource that already exists' });
  });

  it('PasswordPolicyViolation 400 when the account password policy refuses the password', async () => {
    assert.equal((await ks(server, keys, { Action: 'UpdateAccountPasswordPolicy', MinimumPasswordLength: '10', RequireSymbols: 'true' })).status, 200);
    const res = await ks(server, keys, { Action: 'CreateLoginProfile', Password: '123456', UserName: 'Erin' });
    assert.equal(res.status, 400);
    const error = errorOf(res);
    assert.equal(error.Code, 'PasswordPolicyViolation');
    assert.match(error.Message ?? '', /^The request was rejected because the provided password did not meet the requirements imposed by the account password policy: it must be at least 10 characters long; contain at least one non-alphanumeric character$/);
  });
});
