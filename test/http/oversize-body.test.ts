/** @see #9 */
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { connect } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { startTestServer, type TestServer } from '../support/server.js';

interface Answer {
  status: number;
  connection: string | undefined;
  body: string;
}

/** node:http writing the whole body before it reads anything, as a plain client does. */
function postWhole(server: TestServer, path: string, body: Buffer, contentType: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: server.port, method: 'POST', path, headers: { 'content-type': contentType, 'content-length': body.length }, agent: false },
      (res) => {
        let text = '';
        res.on('data', (d: Buffer) => (text += d.toString('utf8')));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, connection: res.headers.connection, body: text }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

describe('a body over the limit: a 413 the client can read', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
  });
  after(() => server.close());

  const big = Buffer.alloc(2_500_000, 'a');

  it('node:http writing 2.5 MB reads the 413 of each dialect, with Connection: close', async () => {
    for (let round = 0; round < 3; round++) {
      const aws = await postWhole(server, '/?Action=ListUsers&Version=2010-05-08', big, 'application/x-www-form-urlencoded');
      assert.equal(aws.status, 413);
      assert.equal(aws.connection, 'close');
      assert.match(aws.body, /<Code>RequestEntityTooLarge<\/Code>/);
      const v5 = await postWhole(server, '/v5/users', big, 'application/json');
      assert.equal(v5.status, 413);
      assert.equal((JSON.parse(v5.body) as { error_code: string }).error_code, 'APIGW.0201');
      const v3 = await postWhole(server, '/v3/users', big, 'application/json');
      assert.equal(v3.status, 413);
      assert.equal((JSON.parse(v3.body) as { error: { code: number } }).error.code, 413);
      const volc = await postWhole(server, '/?Action=ListUsers&Version=2018-01-01', big, 'application/x-www-form-urlencoded');
      assert.equal(volc.status, 413);
      assert.equal((JSON.parse(volc.body) as { ResponseMetadata: { Error: { Code: string } } }).ResponseMetadata.Error.Code, 'RequestEntityTooLarge');
    }
  });

  it('after the 413 the server keeps reading what the client sends, and cuts it off past 16 MiB', async () => {
    const result = await new Promise<{ answer: string; written: number; ended: 'reset' | 'closed' }>((resolve) => {
      // half-open: a client that reads the FIN but goes on writing, as one mid-upload does
      const socket = connect({ port: server.port, host: '127.0.0.1', allowHalfOpen: true });
      let answer = '';
      let written = 0;
      const chunk = Buffer.alloc(256 * 1024, 'b');
      socket.on('connect', () => {
        socket.write('POST /v5/users HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100000000\r\n\r\n');
        const pump = () => {
          while (written < 40 * 1024 * 1024) {
            written += chunk.length;
            if (!socket.write(chunk)) return void socket.once('drain', pump);
          }
        };
        pump();
      });
      socket.on('data', (d: Buffer) => (answer += d.toString('latin1')));
      socket.on('error', () => resolve({ answer, written, ended: 'reset' }));
      socket.on('close', (hadError) => resolve({ answer, written, ended: hadError ? 'reset' : 'closed' }));
    });
    assert.match(result.answer, /^HTTP\/1\.1 413 /);
    assert.match(result.answer, /connection: close/i);
    // the client got well past its first few chunks before the cut (a reset at once would stop it early)
    assert.ok(result.written > 8 * 1024 * 1024, `written ${result.written}`);
    assert.ok(result.written < 40 * 1024 * 1024, 'cut off before the client finished its 40 MiB');
    assert.equal((await fetch(`${server.url}/healthz`)).status, 200);
  });
});
