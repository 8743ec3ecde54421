import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestServer, type TestServer } from '../../support/server.js';
import { raw, rawSigned, type Keys, type RawResponse } from './support.js';

const V = 'Version=2018-01-01';

/**
 * Bad input in the Volcengine envelope: every case is a clear 4xx with ResponseMetadata.Error and no
 * Result, and writes nothing (the account stays without users). Signed with the SDK's own Signer, put
 * on the wire as given, since the SDK itself never sends most of these.
 */
describe('volcengine bad input', () => {
  let server: TestServer;
  let keys: Keys;

  before(async () => {
    server = await startTestServer({ bodyLimit: 4096 });
    const account = await server.createAccount('badinput');
    keys = { ak: account.root.access_key_id, sk: account.root.secret_access_key };
  });
  after(async () => {
    // nothing written: the account has no IAM user after all of the cases
    const listed = await rawSigned(server, keys, { method: 'GET', query: `Action=ListUsers&${V}` });
    assert.equal((listed.body.Result as { Total: number }).Total, 0);
    await server.close();
  });

  const get = (query: string) => rawSigned(server, keys, { method: 'GET', query });
  const post = (query: string, body: string | Buffer, contentType: string) => rawSigned(server, keys, { method: 'POST', query, body, contentType });
  const refused = (response: RawResponse, status: number, code: string, codeN = 0) => {
    const error = response.body.ResponseMetadata.Error;
    assert.ok(error, `expected ${code}, got ${JSON.stringify(response.body)}`);
    assert.equal(error.Code, code, error.Message);
    assert.equal(error.CodeN, codeN);
    assert.equal(response.status, status);
    assert.equal(response.body.Result, undefined);
    assert.equal(response.body.ResponseMetadata.Service, 'iam');
    return error;
  };

  it('an unknown Action is InvalidActionOrVersion 100008 (404), echoing the Action', async () => {
    const response = await get(`Action=CreateUsers&${V}&UserName=typo`);
    const error = refused(response, 404, 'InvalidActionOrVersion', 100008);
    assert.match(error.Message, /`CreateUsers`/);
    assert.equal(response.body.ResponseMetadata.Action, 'CreateUsers');
  });

  it('a missing Action or Version is MissingParameter 100002 (400); an unknown Version is InvalidActionOrVersion', async () => {
    refused(await get('Action=CreateUser&UserName=noversion'), 400, 'MissingParameter', 100002);
    refused(await get(`${V}&UserName=noaction`), 400, 'MissingParameter', 100002);
    const wrong = refused(await get('Action=CreateUser&Version=2019-01-01&UserName=wrongversion'), 404, 'InvalidActionOrVersion', 100008);
    assert.match(wrong.Message, /2019-01-01/);
    refused(await get('Action=CreateUser&Version=&UserName=emptyversion'), 404, 'InvalidActionOrVersion', 100008);
  });

  it('a parameter given twice is refused, in the query, across query and body, and in the body', async () => {
    const twice = (response: RawResponse, code: string) => assert.match(refused(response, 400, code).Message, /more than once/);
    twice(await get(`Action=CreateUser&${V}&UserName=a&UserName=b`), 'InvalidUserName');
    twice(await get(`Action=CreateUser&${V}&Version=2018-01-01&UserName=c`), 'InvalidParameter');
    twice(await post(`Action=CreateUser&${V}&UserName=d`, 'UserName=e', 'application/x-www-form-urlencoded'), 'InvalidUserName');
    twice(await post(`Action=CreateUser&${V}`, 'UserName=f&UserName=g', 'application/x-www-form-urlencoded'), 'InvalidUserName');
    twice(await post(`Action=CreateUser&${V}&UserName=h`, '{"UserName":"i"}', 'application/json'), 'InvalidUserName');
    twice(await get(`Action=TagResources&${V}&ResourceType=User&ResourceNames.1=a&ResourceNames.1=b&Tags.1.Key=k`), 'InvalidParameter');
  });

  it('wrong types are refused: integers, booleans, enumerations, objects and arrays where a string belongs', async () => {
    refused(await get(`Action=ListUsers&${V}&Limit=ten`), 400, 'InvalidLimit');
    refused(await get(`Action=ListUsers&${V}&Offset=1.5`), 400, 'InvalidOffset');
    refused(await get(`Action=CreateLoginProfile&${V}&UserName=x&Password=Str0ng%23Pass&LoginAllowed=maybe`), 400, 'InvalidParameter');
    refused(await get(`Action=CreateLoginProfile&${V}&UserName=x&Password=Str0ng%23Pass&SafeAuthExemptUnit=minutes`), 400, 'InvalidParameter');
    refused(await post(`Action=CreateUser&${V}`, '{"UserName":{"first":"j"}}', 'application/json'), 400, 'InvalidParameter');
    refused(await post(`Action=CreateUser&${V}`, '{"UserName":["k","l"]}', 'application/json'), 400, 'InvalidParameter');
    refused(await post(`Action=CreateUser&${V}`, '{"UserName":"m","Tags":"team"}', 'application/json'), 400, 'InvalidParameter');
    refused(await post(`Action=CreateLoginProfile&${V}`, '{"UserName":"x","Password":"Str0ng#Pass","LoginAllowed":"yes"}', 'application/json'), 400, 'InvalidParameter');
  });

  it('a parameter the action does not have is refused rather than ignored', async () => {
    const error = refused(await get(`Action=CreateUser&${V}&UserName=n&Nickname=nn`), 400, 'InvalidParameter');
    assert.match(error.Message, /`Nickname`/);
  });

  it('oversize values are refused by the parameter\'s own code', async () => {
    refused(await get(`Action=CreateUser&${V}&UserName=${'o'.repeat(65)}`), 400, 'InvalidUserName');
    refused(await get(`Action=CreateUser&${V}&UserName=p&Description=${'d'.repeat(256)}`), 400, 'InvalidDescription');
    refused(await get(`Action=CreateUser&${V}&UserName=q&DisplayName=${'n'.repeat(129)}`), 400, 'InvalidDisplayName');
    refused(await get(`Action=CreateUser&${V}&UserName=r&Tags.1.Key=${'k'.repeat(129)}`), 400, 'InvalidParameter');
  });

  it('a body over the limit is 413 in the Volcengine envelope, before anything is read', async () => {
    const body = `UserName=s&Description=${'d'.repeat(5000)}`;
    const response = await post(`Action=CreateUser&${V}`, body, 'application/x-www-form-urlencoded');
    refused(response, 413, 'RequestEntityTooLarge');
    assert.equal(response.body.ResponseMetadata.Action, 'CreateUser');
  });

  it('bytes that are not UTF-8 are refused, in the query, a form body and a JSON body', async () => {
    refused(await get(`Action=CreateUser&${V}&UserName=t%FF`), 400, 'InvalidUserName');
    refused(await get(`Action=CreateUser&${V}&UserName=t%E4%B8`), 400, 'InvalidUserName');
    refused(await get(`Action=CreateUser&${V}&User%FFName=t`), 400, 'InvalidParameter');
    refused(await post(`Action=CreateUser&${V}`, Buffer.from([0x55, 0x73, 0x65, 0x72, 0x4e, 0x61, 0x6d, 0x65, 0x3d, 0xff]), 'application/x-www-form-urlencoded'), 400, 'InvalidParameter');
    refused(await post(`Action=CreateUser&${V}`, Buffer.concat([Buffer.from('{"UserName":"u'), Buffer.from([0xc3, 0x28]), Buffer.from('"}')]), 'application/json'), 400, 'InvalidParameter');
  });

  it('a body that is not a JSON object is InvalidJsonStruct; an unknown content type is refused', async () => {
    refused(await post(`Action=CreateUser&${V}`, '{"UserName":', 'application/json'), 400, 'InvalidJsonStruct');
    refused(await post(`Action=CreateUser&${V}`, '["v"]', 'application/json'), 400, 'InvalidJsonStruct');
    refused(await post(`Action=CreateUser&${V}`, 'UserName=w', 'text/plain'), 400, 'InvalidParameter');
  });

  it('a missing required parameter is ParameterNotFound, naming it', async () => {
    const error = refused(await get(`Action=CreateLoginProfile&${V}&Password=Str0ng%23Pass`), 400, 'ParameterNotFound');
    assert.match(error.Message, /`UserName`/);
  });

  it('malformed percent-escapes in the query are refused before any signature check', async () => {
    const response = await raw(server, 'GET', `Action=CreateUser&${V}&UserName=%zz`, {});
    assert.equal(response.status, 400);
    assert.equal(response.body.ResponseMetadata.Error?.Code, 'InvalidUserName');
  });
});
