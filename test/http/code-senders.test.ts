/**
 * @see #11
 * The real senders of login-protection codes: SMTP (nodemailer) to a local smtp-server sink, and the
 * SMS webhook to a local HTTP server that checks its HMAC.
 */
import assert from 'node:assert/strict';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { SMTPServer } from 'smtp-server';
import { systemContext } from '../../src/core/principal.js';
import { PlainPassword } from '../../src/core/secrets.js';
import { SMS_SIGNATURE_HEADER, SMS_TIMESTAMP_HEADER } from '../../src/delivery/sms-webhook-sender.js';
import { startTestServer, type TestServer } from '../support/server.js';

const SECRET = 'webhook-shared-secret';

describe('login-protection codes through SMTP and the SMS webhook', () => {
  const mails: string[] = [];
  const hooks: { headers: IncomingHttpHeaders; body: string }[] = [];
  let smtp: SMTPServer;
  let hook: Server;
  let server: TestServer;

  before(async () => {
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onData(stream, _session, done) {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          mails.push(Buffer.concat(chunks).toString('utf8'));
          done();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    hook = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        hooks.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
        res.writeHead(202).end();
      });
    });
    await new Promise<void>((resolve) => hook.listen(0, '127.0.0.1', resolve));
    const smtpPort = (smtp.server.address() as AddressInfo).port;
    const hookPort = (hook.address() as AddressInfo).port;
    server = await startTestServer({
      smtpUrl: `smtp://127.0.0.1:${smtpPort}`,
      smtpFrom: 'polyiam <no-reply@example.com>',
      smsWebhookUrl: `http://127.0.0.1:${hookPort}/sms`,
      smsWebhookSecret: SECRET,
      testOutboxStandIn: false,
    });
  });
  after(async () => {
    await server.close();
    await new Promise<void>((resolve) => smtp.close(resolve));
    // fetch keeps its connections alive: end them, or close() waits for their idle timeout
    hook.closeAllConnections();
    await new Promise<void>((resolve) => hook.close(() => resolve()));
  });

  async function challengeFor(name: string, method: 'email' | 'sms', fields: { email?: string; phone?: string }) {
    const { services } = server.polyiam;
    const root = systemContext(server.root.account.id, server.root.root.user_id, server.root.root.user_name);
    await services.users.create(root, { name, ...fields });
    await services.loginProfiles.create(root, { name }, { password: new PlainPassword('Sender#Pass2024'), passwordResetRequired: false });
    await services.loginProtection.update(root, { name }, { enabled: true, method });
    const started = await services.credentials.signIn({ accountId: server.root.account.id, user: { name }, password: new PlainPassword('Sender#Pass2024'), sourceIp: '127.0.0.1' });
    return started.challenge!;
  }

  it('an email code travels over SMTP; the test reads it from the message and completes the sign-in', async () => {
    const challenge = await challengeFor('mailer', 'email', { email: 'mailer@example.com' });
    await server.polyiam.services.credentials.sendSignInCode({ accountId: server.root.account.id, challengeId: challenge.id, sourceIp: '127.0.0.1' });
    const mail = mails.at(-1)!;
    assert.match(mail, /^To: mailer@example\.com/m);
    assert.match(mail, /^From: polyiam <no-reply@example\.com>/m);
    const code = /code is (\d{6})/.exec(mail)?.[1];
    assert.ok(code, 'the message holds the code');
    assert.equal(server.logs.join('').includes(code), false);
    const done = await server.polyiam.services.credentials.completeSignIn({ accountId: server.root.account.id, challengeId: challenge.id, code, sourceIp: '127.0.0.1' });
    assert.equal(done.outcome, 'ok');
  });

  it('an SMS code reaches the webhook as JSON {to, text} with an HMAC the receiver can check', async () => {
    const challenge = await challengeFor('texter', 'sms', { phone: '+8613900001111' });
    await server.polyiam.services.credentials.sendSignInCode({ accountId: server.root.account.id, challengeId: challenge.id, sourceIp: '127.0.0.1' });
    const { headers, body } = hooks.at(-1)!;
    const timestamp = String(headers[SMS_TIMESTAMP_HEADER]);
    const expected = Buffer.from(`sha256=${createHmac('sha256', SECRET).update(`${timestamp}.${body}`).digest('hex')}`);
    const given = Buffer.from(String(headers[SMS_SIGNATURE_HEADER]));
    assert.ok(given.length === expected.length && timingSafeEqual(given, expected), 'the HMAC checks out');
    const payload = JSON.parse(body) as { to: string; text: string };
    assert.equal(payload.to, '+8613900001111');
    const code = /code is (\d{6})/.exec(payload.text)?.[1];
    assert.ok(code);
    const done = await server.polyiam.services.credentials.completeSignIn({ accountId: server.root.account.id, challengeId: challenge.id, code, sourceIp: '127.0.0.1' });
    assert.equal(done.outcome, 'ok');
  });

  it('a webhook that fails is reported, and the send can be tried again at once', async () => {
    const challenge = await challengeFor('unlucky', 'sms', { phone: '+8613900002222' });
    const original = hook.listeners('request')[0] as (...args: unknown[]) => void;
    hook.removeAllListeners('request');
    hook.on('request', (_req, res: import('node:http').ServerResponse) => res.writeHead(500).end());
    await assert.rejects(server.polyiam.services.credentials.sendSignInCode({ accountId: server.root.account.id, challengeId: challenge.id, sourceIp: '127.0.0.1' }), /the SMS sender failed/);
    hook.removeAllListeners('request');
    hook.on('request', original);
    await server.polyiam.services.credentials.sendSignInCode({ accountId: server.root.account.id, challengeId: challenge.id, sourceIp: '127.0.0.1' });
  });
});
