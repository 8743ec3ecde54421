/** @see #9 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { Agent, get as httpsGet } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CreateAccessKeyCommand, CreateLoginProfileCommand, CreateUserCommand, IAMClient, ListUsersCommand, PutUserPolicyCommand } from '@aws-sdk/client-iam';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { Actions } from '../../src/core/authorization/actions.js';
import { loadConfig, parseTrustProxy } from '../../src/config/config.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { requireTool } from '../support/tools.js';
import { serve } from './cli.js';
import { expectAwsError } from '../conformance/aws/support.js';
import { passwordAuth, send } from '../conformance/huawei-v3/support.js';
import { ok, volc, volcClient } from '../conformance/volcengine/support.js';

interface Keys {
  ak: string;
  sk: string;
}

/** A self-signed certificate for 127.0.0.1, made here with openssl. */
function makeCertificate(dir: string): { cert: string; key: string } {
  const cert = join(dir, 'cert.pem');
  const key = join(dir, 'key.pem');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1',
    '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', key, '-out', cert], { stdio: 'ignore' });
  return { cert, key };
}

/** The official SDK; `forwardedFor` adds an X-Forwarded-For header to every request, as a proxy (or a liar) would. */
function client(endpoint: string, keys: Keys, options: { ca?: Buffer; forwardedFor?: string } = {}): IAMClient {
  const iam = new IAMClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: keys.ak, secretAccessKey: keys.sk },
    maxAttempts: 1,
    ...(options.ca ? { requestHandler: new NodeHttpHandler({ httpsAgent: new Agent({ ca: options.ca }) }) } : {}),
  });
  const forwardedFor = options.forwardedFor;
  if (forwardedFor !== undefined) {
    iam.middlewareStack.add(
      (next) => async (args) => {
        (args.request as { headers: Record<string, string> }).headers['x-forwarded-for'] = forwardedFor;
        return next(args);
      },
      { step: 'build', name: 'forwardedFor' },
    );
  }
  return iam;
}

const rootKeys = (server: TestServer): Keys => ({ ak: server.root.root.access_key_id, sk: server.root.root.secret_access_key });

/** A user allowed ListUsers only from 203.0.113.0/24 (and only over TLS when `secure`). */
async function restrictedUser(root: IAMClient, name: string, secure = false): Promise<Keys> {
  await root.send(new CreateUserCommand({ UserName: name }));
  const condition: Record<string, Record<string, string>> = { IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } };
  if (secure) condition.Bool = { 'aws:SecureTransport': 'true' };
  const document = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'iam:ListUsers', Resource: '*', Condition: condition }] };
  await root.send(new PutUserPolicyCommand({ UserName: name, PolicyName: 'from-office', PolicyDocument: JSON.stringify(document) }));
  const { AccessKey } = await root.send(new CreateAccessKeyCommand({ UserName: name }));
  return { ak: AccessKey!.AccessKeyId!, sk: AccessKey!.SecretAccessKey! };
}

/** source IPs of the audit events of the core's list-users action (the action names are Huawei v5's) */
async function auditedSourceIps(server: TestServer): Promise<Array<string | null>> {
  await server.polyiam.services.audit.flush();
  const rows = await server.polyiam.store.db.selectFrom('audit_events').select(['source_ip']).where('action', '=', Actions.listUsers).execute();
  return rows.map((r) => r.source_ip);
}

describe('POLYIAM_TRUST_PROXY parsing', () => {
  it('off by default; IPs, CIDRs and proxy-addr names; anything else refused', () => {
    assert.equal(loadConfig({}).trustProxy, false);
    assert.equal(parseTrustProxy('off'), false);
    assert.deepEqual(parseTrustProxy('10.0.0.0/8, 192.168.1.7,::1, loopback'), ['10.0.0.0/8', '192.168.1.7', '::1', 'loopback']);
    for (const bad of ['true', '10.0.0.0/33', 'example.com', '1.2.3.4/8/9']) assert.throws(() => parseTrustProxy(bad), /POLYIAM_TRUST_PROXY/);
    assert.throws(() => loadConfig({ POLYIAM_TLS_CERT: 'a.pem' }), /--tls-key/);
  });
});

describe('HTTPS with a certificate made in the test, through the official AWS SDK', () => {
  let dir: string;
  let server: TestServer | undefined;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'polyiam-tls-'));
  });
  after(async () => {
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves the SDK over TLS; aws:SecureTransport is true there', async (t) => {
    if (!requireTool(t, 'openssl', ['version'])) return;
    const { cert, key } = makeCertificate(dir);
    server = await startTestServer({ tls: { certFile: cert, keyFile: key } });
    const endpoint = `https://127.0.0.1:${server.port}`;
    const ca = readFileSync(cert);
    const root = client(endpoint, rootKeys(server), { ca });
    const listed = await root.send(new ListUsersCommand({}));
    assert.equal(listed.$metadata.httpStatusCode, 200);
    // a trusted proxy is not configured: the peer address (loopback) is the source, and TLS is real
    const secureKeys = await restrictedUser(root, 'secure-only', true);
    await expectAwsError(client(endpoint, secureKeys, { ca }).send(new ListUsersCommand({})), 'AccessDenied', 403);
    // plain HTTP on the TLS port is refused by the TLS layer, never served
    await assert.rejects(fetch(`http://127.0.0.1:${server.port}/healthz`));
  });

  it('`polyiam serve --tls-cert --tls-key` listens on HTTPS', async (t) => {
    if (!requireTool(t, 'openssl', ['version'])) return;
    const { cert, key } = makeCertificate(dir);
    const proc = await serve(join(dir, 'data'), {}, 30_000, ['--tls-cert', cert, '--tls-key', key]);
    try {
      assert.match(proc.url, /^https:\/\//);
      const status = await new Promise<number>((resolve, reject) => {
        httpsGet(`${proc.url}/healthz`, { ca: readFileSync(cert) }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        }).on('error', reject);
      });
      assert.equal(status, 200);
    } finally {
      await proc.stop();
    }
  });
});

describe('X-Forwarded-For is believed only from a trusted proxy', () => {
  let trusting: TestServer;
  let untrusting: TestServer;
  before(async () => {
    // the test's own connections come from 127.0.0.1, the "proxy" here
    trusting = await startTestServer({ trustProxy: ['127.0.0.1/32'] });
    untrusting = await startTestServer();
  });
  after(async () => {
    await trusting.close();
    await untrusting.close();
  });

  it('an IpAddress condition allows the client a trusted proxy names', async () => {
    const root = client(trusting.url, rootKeys(trusting));
    const keys = await restrictedUser(root, 'office');
    const listed = await client(trusting.url, keys, { forwardedFor: '203.0.113.9' }).send(new ListUsersCommand({}));
    assert.equal(listed.$metadata.httpStatusCode, 200);
    await expectAwsError(client(trusting.url, keys, { forwardedFor: '198.51.100.1' }).send(new ListUsersCommand({})), 'AccessDenied', 403);
    assert.ok((await auditedSourceIps(trusting)).includes('203.0.113.9'), 'the audit log records the client behind the proxy');
  });

  it('a sign-in through the trusted proxy records the client as LastLoginIp; through an untrusted peer, the peer', async () => {
    for (const [server, expected] of [[trusting, '203.0.113.77'], [untrusting, '127.0.0.1']] as const) {
      const root = client(server.url, rootKeys(server));
      await root.send(new CreateUserCommand({ UserName: 'walker' }));
      await root.send(new CreateLoginProfileCommand({ UserName: 'walker', Password: 'Walk3r#Passw0rd' }));
      const signIn = await send(server, 'POST', '/v3/auth/tokens', {
        body: passwordAuth({ name: 'walker', password: 'Walk3r#Passw0rd', domain: { name: server.root.account.name } }),
        headers: { 'x-forwarded-for': '203.0.113.77' },
      });
      assert.equal(signIn.status, 201, signIn.text);
      const profile = ok(await volc<{ LoginProfile: { LastLoginIp: string } }>(volcClient(server, rootKeys(server)), 'GetLoginProfile', { UserName: 'walker' }));
      assert.equal(profile.LoginProfile.LastLoginIp, expected);
    }
  });

  it('a spoofed X-Forwarded-For from an untrusted peer satisfies nothing', async () => {
    const root = client(untrusting.url, rootKeys(untrusting));
    const keys = await restrictedUser(root, 'office');
    await expectAwsError(client(untrusting.url, keys, { forwardedFor: '203.0.113.9' }).send(new ListUsersCommand({})), 'AccessDenied', 403);
    const ips = await auditedSourceIps(untrusting);
    assert.ok(!ips.includes('203.0.113.9'), 'the spoofed address is not recorded');
    assert.ok(ips.includes('127.0.0.1'), 'the peer address is');
  });
});
