/**
 * @see #14 AWS CloudTrail LookupEvents through the official SDK (@aws-sdk/client-cloudtrail) and the
 * aws CLI against a real server: filters, paging, the CloudTrailEvent record, CloudTrail's own errors,
 * authorization and account isolation.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CloudTrailClient, CloudTrailServiceException, LookupEventsCommand, type LookupEventsCommandInput } from '@aws-sdk/client-cloudtrail';
import { CreateUserCommand, DeleteUserCommand, GetUserCommand, PutUserPolicyCommand } from '@aws-sdk/client-iam';
import { startTestServer, type TestServer } from '../../support/server.js';
import { requireTool } from '../../support/tools.js';
import { awsClient, createUserWithKey, rootKeys, type Keys } from '../aws/support.js';
import { AWS, awsCli } from '../aws/cli.js';

const trail = (server: TestServer, keys: Keys) =>
  new CloudTrailClient({ endpoint: server.url, region: 'us-east-1', credentials: { accessKeyId: keys.ak, secretAccessKey: keys.sk }, maxAttempts: 1 });

async function expectTrailError(promise: Promise<unknown>, name: string): Promise<void> {
  try {
    await promise;
  } catch (err) {
    assert.ok(err instanceof CloudTrailServiceException, `a CloudTrailServiceException, got ${String(err)}`);
    assert.equal(err.name, name, err.message);
    assert.equal(err.$metadata.httpStatusCode, 400);
    return;
  }
  assert.fail(`expected ${name}`);
}

describe('CloudTrail LookupEvents', () => {
  let server: TestServer;
  let root: Keys;
  const cli = awsCli(() => server.url);

  before(async () => {
    server = await startTestServer();
    root = rootKeys(server);
    const iam = awsClient(server, root);
    await iam.send(new CreateUserCommand({ UserName: 'ct-alice' }));
    await iam.send(new GetUserCommand({ UserName: 'ct-alice' }));
    await iam.send(new CreateUserCommand({ UserName: 'ct-bob' }));
    await iam.send(new DeleteUserCommand({ UserName: 'ct-bob' }));
    await iam.send(new CreateUserCommand({ UserName: 'ct-alice' })).catch(() => undefined);
    await server.polyiam.services.audit.flush();
  });
  after(() => server.close());

  it('finds a user creation by EventName with the CloudTrail record of the call', async () => {
    const out = await trail(server, root).send(new LookupEventsCommand({ LookupAttributes: [{ AttributeKey: 'EventName', AttributeValue: 'CreateUser' }] }));
    const events = out.Events ?? [];
    assert.equal(events.length, 3, 'two creations and one that conflicted');
    const [failed, bob, alice] = events;
    assert.ok(alice!.EventTime instanceof Date && bob!.EventTime!.getTime() <= failed!.EventTime!.getTime(), 'newest first');
    assert.equal(alice!.EventName, 'CreateUser');
    assert.equal(alice!.ReadOnly, 'false');
    assert.equal(alice!.Username, server.root.root.user_name);
    assert.equal(alice!.AccessKeyId, root.ak);
    assert.equal(alice!.EventSource, 'iam.amazonaws.com');
    assert.deepEqual(alice!.Resources, [{ ResourceType: 'AWS::IAM::User', ResourceName: 'ct-alice' }]);
    const record = JSON.parse(alice!.CloudTrailEvent!) as Record<string, unknown>;
    assert.equal(record.eventName, 'CreateUser');
    assert.equal(record.eventSource, 'iam.amazonaws.com');
    assert.equal(record.eventID, alice!.EventId);
    assert.equal(record.readOnly, false);
    assert.deepEqual(record.requestParameters, { UserName: 'ct-alice' });
    assert.equal((record.userIdentity as Record<string, unknown>).type, 'Root');
    assert.equal(record.sourceIPAddress, '127.0.0.1');
    assert.match(String(record.userAgent), /aws-sdk-js/);
    assert.equal(typeof record.requestID, 'string');
    assert.equal(record.errorCode, undefined);
    const conflict = JSON.parse(failed!.CloudTrailEvent!) as Record<string, unknown>;
    assert.equal(conflict.errorCode, 'EntityAlreadyExistsException');
  });

  it('filters by ResourceName, Username, ReadOnly, EventId and AccessKeyId, and by time', async () => {
    const client = trail(server, root);
    const lookup = async (input: LookupEventsCommandInput) => (await client.send(new LookupEventsCommand(input))).Events ?? [];
    const bob = await lookup({ LookupAttributes: [{ AttributeKey: 'ResourceName', AttributeValue: 'ct-bob' }] });
    assert.deepEqual(bob.map((e) => e.EventName), ['DeleteUser', 'CreateUser']);
    const reads = await lookup({ LookupAttributes: [{ AttributeKey: 'ReadOnly', AttributeValue: 'true' }] });
    assert.ok(reads.length >= 1 && reads.every((e) => e.ReadOnly === 'true'));
    assert.ok(reads.some((e) => e.EventName === 'GetUser'));
    const byId = await lookup({ LookupAttributes: [{ AttributeKey: 'EventId', AttributeValue: bob[0]!.EventId! }] });
    assert.deepEqual(byId.map((e) => e.EventId), [bob[0]!.EventId]);
    const byKey = await lookup({ LookupAttributes: [{ AttributeKey: 'AccessKeyId', AttributeValue: root.ak }] });
    assert.ok(byKey.length >= 5);
    const byUser = await lookup({ LookupAttributes: [{ AttributeKey: 'Username', AttributeValue: server.root.root.user_name }] });
    assert.ok(byUser.length >= 5);
    assert.deepEqual(await lookup({ LookupAttributes: [{ AttributeKey: 'Username', AttributeValue: 'nobody' }] }), []);
    const future = new Date(Date.now() + 3_600_000);
    assert.deepEqual(await lookup({ StartTime: future }), []);
    assert.ok((await lookup({ EndTime: future, StartTime: new Date(Date.now() - 3_600_000) })).length >= 5);
  });

  it('pages with MaxResults and NextToken, newest first, without repeats', async () => {
    const client = trail(server, root);
    const seen: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const out = await client.send(new LookupEventsCommand({ MaxResults: 2, ...(token ? { NextToken: token } : {}) }));
      assert.ok((out.Events ?? []).length <= 2);
      seen.push(...(out.Events ?? []).map((e) => e.EventId!));
      token = out.NextToken;
      pages++;
    } while (token !== undefined && pages < 50);
    assert.ok(pages >= 3);
    assert.equal(new Set(seen).size, seen.length);
    assert.deepEqual([...seen].sort().reverse(), seen, 'ids (time-ordered) descending');
  });

  it('filters by ResourceType and EventSource with the values CloudTrail uses', async () => {
    const client = trail(server, root);
    await client.send(new LookupEventsCommand({ MaxResults: 1 }));
    await server.polyiam.services.audit.flush();
    const lookup = async (key: 'ResourceType' | 'EventSource', value: string) =>
      (await client.send(new LookupEventsCommand({ LookupAttributes: [{ AttributeKey: key, AttributeValue: value }] }))).Events ?? [];
    const users = await lookup('ResourceType', 'AWS::IAM::User');
    assert.ok(users.some((e) => e.EventName === 'DeleteUser'));
    assert.ok(users.every((e) => e.Resources!.some((r) => r.ResourceType === 'AWS::IAM::User')), 'user resources only');
    assert.deepEqual(await lookup('ResourceType', 'AWS::S3::Bucket'), []);
    const iamEvents = await lookup('EventSource', 'iam.amazonaws.com');
    assert.ok(iamEvents.some((e) => e.EventName === 'CreateUser'));
    assert.ok(iamEvents.every((e) => e.EventSource === 'iam.amazonaws.com'));
    const trailEvents = await lookup('EventSource', 'cloudtrail.amazonaws.com');
    assert.ok(trailEvents.length >= 1);
    assert.ok(trailEvents.every((e) => e.EventSource === 'cloudtrail.amazonaws.com' && e.EventName === 'LookupEvents'));
    assert.deepEqual(await lookup('EventSource', 's3.amazonaws.com'), []);
  });

  it('answers CloudTrail error codes for bad input', async () => {
    const client = trail(server, root);
    const send = (input: LookupEventsCommandInput) => client.send(new LookupEventsCommand(input));
    await expectTrailError(send({ LookupAttributes: [{ AttributeKey: 'EventName', AttributeValue: 'a' }, { AttributeKey: 'Username', AttributeValue: 'b' }] }), 'InvalidLookupAttributesException');
    await expectTrailError(send({ LookupAttributes: [{ AttributeKey: 'Colour' as 'EventName', AttributeValue: 'blue' }] }), 'InvalidLookupAttributesException');
    await expectTrailError(send({ LookupAttributes: [{ AttributeKey: 'ReadOnly', AttributeValue: 'maybe' }] }), 'InvalidLookupAttributesException');
    await expectTrailError(send({ StartTime: new Date(), EndTime: new Date(Date.now() - 60_000) }), 'InvalidTimeRangeException');
    await expectTrailError(send({ MaxResults: 0 }), 'InvalidMaxResultsException');
    await expectTrailError(send({ MaxResults: 51 }), 'InvalidMaxResultsException');
    await expectTrailError(send({ NextToken: 'forged-token' }), 'InvalidNextTokenException');
    const first = await send({ MaxResults: 1 });
    await expectTrailError(send({ MaxResults: 1, NextToken: first.NextToken!, LookupAttributes: [{ AttributeKey: 'ReadOnly', AttributeValue: 'true' }] }), 'InvalidNextTokenException');
  });

  it('is authorized with cloudtrail:LookupEvents, and an account sees only its own events', async () => {
    const iam = awsClient(server, root);
    const reader = await createUserWithKey(iam, 'ct-reader');
    await expectTrailError(trail(server, reader).send(new LookupEventsCommand({})), 'AccessDeniedException');
    await iam.send(new PutUserPolicyCommand({
      UserName: 'ct-reader',
      PolicyName: 'trail',
      PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'cloudtrail:LookupEvents', Resource: '*' }] }),
    }));
    const own = await trail(server, reader).send(new LookupEventsCommand({ LookupAttributes: [{ AttributeKey: 'ResourceName', AttributeValue: 'ct-alice' }] }));
    assert.ok((own.Events ?? []).length >= 2);

    const other = await server.createAccount('globex');
    const otherKeys = { ak: other.root.access_key_id, sk: other.root.secret_access_key };
    const theirs = await trail(server, otherKeys).send(new LookupEventsCommand({ LookupAttributes: [{ AttributeKey: 'ResourceName', AttributeValue: 'ct-alice' }] }));
    assert.deepEqual(theirs.Events, []);
    const first = await trail(server, root).send(new LookupEventsCommand({ MaxResults: 1 }));
    await expectTrailError(trail(server, otherKeys).send(new LookupEventsCommand({ MaxResults: 1, NextToken: first.NextToken! })), 'InvalidNextTokenException');
  });

  it('aws cloudtrail lookup-events --lookup-attributes AttributeKey=Username,AttributeValue=…', async (t) => {
    if (!requireTool(t, AWS)) return;
    const user = server.root.root.user_name;
    const out = await cli('cloudtrail', root, 'lookup-events', '--lookup-attributes', `AttributeKey=Username,AttributeValue=${user}`, '--max-items', '3');
    assert.equal(out.code, 0, out.stderr);
    const events = out.json!.Events as Array<Record<string, unknown>>;
    assert.equal(events.length, 3);
    assert.ok(events.every((e) => e.Username === user && typeof e.CloudTrailEvent === 'string'));
    const sourced = await cli('cloudtrail', root, 'lookup-events', '--lookup-attributes', 'AttributeKey=EventSource,AttributeValue=iam.amazonaws.com', '--max-items', '2');
    assert.equal(sourced.code, 0, sourced.stderr);
    assert.ok((sourced.json!.Events as Array<{ EventSource: string }>).every((e) => e.EventSource === 'iam.amazonaws.com'));
    const typed = await cli('cloudtrail', root, 'lookup-events', '--lookup-attributes', 'AttributeKey=ResourceType,AttributeValue=AWS::IAM::User', '--max-items', '2');
    assert.equal(typed.code, 0, typed.stderr);
    assert.equal((typed.json!.Events as unknown[]).length, 2);
    const refusals: Array<[string[], RegExp]> = [
      [['--lookup-attributes', 'AttributeKey=Colour,AttributeValue=blue'], /InvalidLookupAttributesException|Valid values/],
      [['--start-time', '2026-01-02T00:00:00Z', '--end-time', '2026-01-01T00:00:00Z'], /InvalidTimeRangeException/],
      [['--page-size', '51'], /InvalidMaxResultsException/],
      [['--no-paginate', '--next-token', 'forged-token'], /InvalidNextTokenException/],
    ];
    for (const [args, error] of refusals) {
      const refused = await cli('cloudtrail', root, 'lookup-events', ...args);
      assert.notEqual(refused.code, 0, args.join(' '));
      assert.match(refused.stderr, error, args.join(' '));
    }
    const bad = await cli('cloudtrail', root, 'lookup-events', '--lookup-attributes', 'AttributeKey=EventName,AttributeValue=CreateUser', 'AttributeKey=Username,AttributeValue=x');
    assert.notEqual(bad.code, 0);
    assert.match(bad.stderr, /InvalidLookupAttributesException/);
  });
});
