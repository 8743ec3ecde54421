/** @see #9 */
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { startTestServer, type TestServer } from '../support/server.js';
import { sendWire, type WireResponse } from '../fuzz/wire.js';

/** The bytes of one exchange on a raw socket, for what node:http will not send (unknown methods, huge lines). */
function rawExchange(port: number, text: string): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(text));
    let out = '';
    socket.on('data', (d: Buffer) => (out += d.toString('utf8')));
    socket.on('close', () => resolve(out));
    socket.on('error', () => resolve(out));
  });
}

interface Parsed {
  status: number;
  headers: Record<string, string>;
  body: string;
}

function parseResponse(text: string): Parsed {
  const split = text.indexOf('\r\n\r\n');
  const [statusLine = '', ...lines] = text.slice(0, split).split('\r\n');
  const headers: Record<string, string> = {};
  for (const line of lines) headers[line.slice(0, line.indexOf(':')).toLowerCase()] = line.slice(line.indexOf(':') + 1).trim();
  return { status: Number(statusLine.split(' ')[1]), headers, body: text.slice(split + 4) };
}

const ID = /^[0-9a-f]{32}$/;

function assertV5(res: { status: number; headers: Record<string, unknown>; body: string }, status: number) {
  assert.equal(res.status, status, res.body);
  const body = JSON.parse(res.body) as Record<string, string>;
  assert.deepEqual(Object.keys(body).sort(), ['error_code', 'error_msg', 'request_id']);
  assert.match(body.request_id!, ID);
  assert.equal(res.headers['x-request-id'], body.request_id);
  assert.doesNotMatch(res.body, /FST_|HPE_/);
}

function assertKeystone(res: { status: number; headers: Record<string, unknown>; body: string }, status: number) {
  assert.equal(res.status, status, res.body);
  const body = JSON.parse(res.body) as { error: { code: number; title: string; message: string } };
  assert.equal(body.error.code, status);
  assert.equal(typeof body.error.title, 'string');
  assert.match(String(res.headers['x-request-id']), ID);
  assert.match(String(res.headers['x-openstack-request-id']), /^req-[0-9a-f-]{36}$/);
  assert.doesNotMatch(res.body, /FST_|HPE_/);
}

function assertVolc(res: { status: number; headers: Record<string, unknown>; body: string }, status: number) {
  assert.equal(res.status, status, res.body);
  const body = JSON.parse(res.body) as { ResponseMetadata: { RequestId: string; Error: { Code: string } } };
  assert.equal(body.ResponseMetadata.RequestId, res.headers['x-request-id']);
  assert.match(body.ResponseMetadata.RequestId, ID);
  assert.equal(typeof body.ResponseMetadata.Error.Code, 'string');
  assert.doesNotMatch(res.body, /FST_|HPE_/);
}

function assertAwsXml(res: { status: number; headers: Record<string, unknown>; body: string }, status: number) {
  assert.equal(res.status, status, res.body);
  assert.match(res.body, /^<\?xml[^]*<ErrorResponse [^]*<Code>\w+<\/Code>[^]*<RequestId>([0-9a-f]{32})<\/RequestId>/);
  assert.equal(/<RequestId>([0-9a-f]{32})</.exec(res.body)![1], res.headers['x-request-id']);
  assert.doesNotMatch(res.body, /FST_|HPE_/);
}

const asParsed = (res: WireResponse) => ({ status: res.status, headers: res.headers, body: res.text });

describe('framework refusals answer in the envelope of the dialect the path or Action names', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
  });
  after(() => server.close());

  it('bad percent-escapes and non-UTF-8 paths: v5, Keystone, Volcengine by Action, AWS when nothing names a dialect', async () => {
    for (const path of ['/v5/users/%zz', '/v5/users/%ed%a0%80', '/v5/users/%f8%88%80%80%80']) {
      assertV5(asParsed(await sendWire(server.url, { method: 'GET', path, headers: {} })), 400);
    }
    for (const path of ['/v3/users/%f8%88%80%80%80', '/v3/users/%zz']) {
      assertKeystone(asParsed(await sendWire(server.url, { method: 'GET', path, headers: {} })), 400);
    }
    assertVolc(asParsed(await sendWire(server.url, { method: 'GET', path: '/%zz?Action=ListUsers&Version=2018-01-01', headers: {} })), 400);
    assertAwsXml(asParsed(await sendWire(server.url, { method: 'GET', path: '/%zz', headers: {} })), 400);
  });

  it('a path segment over the router limit, and a path nothing serves', async () => {
    assertV5(asParsed(await sendWire(server.url, { method: 'GET', path: `/v5/users/${'a'.repeat(600)}`, headers: {} })), 414);
    assertAwsXml(asParsed(await sendWire(server.url, { method: 'GET', path: '/nowhere', headers: {} })), 404);
    assertVolc(asParsed(await sendWire(server.url, { method: 'PUT', path: '/?Action=ListUsers&Version=2018-01-01', headers: {} })), 400);
  });

  it('an unknown method, an over-long URL and an over-long header block, refused by the parser', async () => {
    assertV5(parseResponse(await rawExchange(server.port, 'FROB /v5/users HTTP/1.1\r\nHost: x\r\n\r\n')), 405);
    assertVolc(parseResponse(await rawExchange(server.port, 'FROB /?Action=ListUsers&Version=2018-01-01 HTTP/1.1\r\nHost: x\r\n\r\n')), 400);
    assertKeystone(parseResponse(await rawExchange(server.port, `GET /v3/users?${'a'.repeat(20_000)} HTTP/1.1\r\nHost: x\r\n\r\n`)), 400);
    assertV5(parseResponse(await rawExchange(server.port, `GET /v5/users?${'a'.repeat(20_000)} HTTP/1.1\r\nHost: x\r\n\r\n`)), 414);
    const kingsoft = parseResponse(await rawExchange(server.port, `GET /?Action=ListUsers&Version=2015-11-01 HTTP/1.1\r\nHost: x\r\nAccept: application/json\r\nX-Pad: ${'p'.repeat(20_000)}\r\n\r\n`));
    assert.equal(kingsoft.status, 431);
    const body = JSON.parse(kingsoft.body) as { RequestId: string; Error: { Code: string } };
    assert.equal(body.RequestId, kingsoft.headers['x-request-id']);
    assertAwsXml(parseResponse(await rawExchange(server.port, `GET / HTTP/1.1\r\nHost: x\r\nX-Pad: ${'p'.repeat(20_000)}\r\n\r\n`)), 431);
  });

  it('CONNECT, which Node would drop without a word, is a 405 in the envelope its target names', async () => {
    assertV5(parseResponse(await rawExchange(server.port, 'CONNECT /v5/users HTTP/1.1\r\nHost: x\r\n\r\n')), 405);
    assertAwsXml(parseResponse(await rawExchange(server.port, 'CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n')), 405);
  });

  it('Expect: 100-continue on a body over the limit: a 413 in the envelope, never a 100', async () => {
    const v5 = await rawExchange(server.port, 'POST /v5/users HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 3000000\r\nExpect: 100-continue\r\n\r\n');
    assert.doesNotMatch(v5, /^HTTP\/1\.1 100/);
    const parsed = parseResponse(v5);
    assertV5(parsed, 413);
    assert.equal(parsed.headers.connection, 'close');
    assertKeystone(parseResponse(await rawExchange(server.port, 'POST /v3/users HTTP/1.1\r\nHost: x\r\nContent-Length: 3000000\r\nExpect: 100-continue\r\n\r\n')), 413);
    assertAwsXml(parseResponse(await rawExchange(server.port, 'POST /?Action=ListUsers&Version=2010-05-08 HTTP/1.1\r\nHost: x\r\nContent-Length: 3000000\r\nExpect: 100-continue\r\n\r\n')), 413);
  });

  it('Expect: 100-continue within the limit still continues to the dialect', async () => {
    const text = await rawExchange(server.port, 'POST /v5/users HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 2\r\nExpect: 100-continue\r\nConnection: close\r\n\r\n{}');
    assert.match(text, /^HTTP\/1\.1 100 Continue\r\n\r\nHTTP\/1\.1 401 /);
  });

  it('refusals answered on the raw socket are audited like any refused call, with the peer and the request id', async () => {
    const refused = [
      parseResponse(await rawExchange(server.port, 'FROB /v5/users HTTP/1.1\r\nHost: x\r\nUser-Agent: raw-refusal-test\r\n\r\n')),
      parseResponse(await rawExchange(server.port, 'CONNECT /v5/users HTTP/1.1\r\nHost: x\r\nUser-Agent: raw-refusal-test\r\n\r\n')),
      parseResponse(await rawExchange(server.port, 'POST /v3/users HTTP/1.1\r\nHost: x\r\nUser-Agent: raw-refusal-test\r\nContent-Length: 3000000\r\nExpect: 100-continue\r\n\r\n')),
    ];
    await server.polyiam.services.audit.flush();
    for (const res of refused) {
      const requestId = res.headers['x-request-id'];
      assert.match(requestId ?? '', ID);
      const events = await server.polyiam.store.db.selectFrom('audit_events').selectAll().where('request_id', '=', requestId!).execute();
      assert.equal(events.length, 1, `one event for the refusal ${res.status}`);
      const [event] = events;
      assert.equal(event!.outcome, 'failed');
      assert.equal(event!.account_id, null);
      assert.equal(event!.source_ip, '127.0.0.1');
      assert.equal(event!.user_agent, 'raw-refusal-test');
    }
  });

  it('unsupported media types and JSON that is not an object stay in each dialect\'s envelope', async () => {
    const post = (path: string, contentType: string, body: string) =>
      sendWire(server.url, { method: 'POST', path, headers: { 'content-type': contentType, 'content-length': String(Buffer.byteLength(body)) }, body: Buffer.from(body) });
    assertVolc(asParsed(await post('/?Action=ListUsers&Version=2018-01-01', 'application/json', '[1,2]')), 400);
    assertVolc(asParsed(await post('/?Action=ListUsers&Version=2018-01-01', 'text/csv', 'a,b')), 400);
    assertAwsXml(asParsed(await post('/?Action=ListUsers&Version=2010-05-08', 'application/octet-stream', 'x')), 400);
    assertKeystone(asParsed(await post('/v3/auth/tokens', 'application/json', '"a string"')), 400);
    assertKeystone(asParsed(await post('/v3/auth/tokens', 'text/plain', 'hello')), 400);
  });
});

describe('regressions the fuzzer found', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
  });
  after(() => server.close());

  /** @see #9: fuzz seed 7, huawei-v3 case 68: the parser's refusal of a HEAD carried a body, which the client read as a broken next response */
  it('a HEAD whose URL is over the limit is answered with headers only', async () => {
    const text = await rawExchange(server.port, `HEAD /v3/groups/g/users/u?q=${'x'.repeat(70_000)} HTTP/1.1\r\nHost: x\r\n\r\n`);
    const parsed = parseResponse(text);
    assert.equal(parsed.status, 400);
    assert.equal(parsed.body, '');
    assert.match(parsed.headers['x-request-id'] ?? '', ID);
    const res = await sendWire(server.url, { method: 'HEAD', path: `/v3/groups/g/users/u?q=${'x'.repeat(70_000)}`, headers: {} });
    assert.equal(res.status, 400);
  });
});

describe('a server that is draining', () => {
  /** @see #9: Fastify's own 503 body (`{"error":"Service Unavailable",...}`) is in no dialect's envelope */
  it('answers a request already on an open connection in its dialect\'s envelope, then closes it', async () => {
    const server = await startTestServer();
    const socket = connect(server.port, '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));
    let out = '';
    socket.on('data', (d: Buffer) => (out += d.toString('utf8')));
    const socketClosed = new Promise((resolve) => socket.on('close', resolve));
    socket.write('POST /v5/users HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{');
    await new Promise((resolve) => setTimeout(resolve, 50));
    const closing = server.close();
    await new Promise((resolve) => setTimeout(resolve, 20));
    // the rest of the body, and a pipelined request that reaches the server after close() began
    socket.write('}GET /v5/users HTTP/1.1\r\nHost: x\r\n\r\n');
    await socketClosed;
    await closing;
    const parsed = parseResponse(out);
    assertV5(parsed, 401);
    assert.equal(parsed.headers.connection, 'close');
    assert.doesNotMatch(out, /Service Unavailable|FST_/);
  });
});
