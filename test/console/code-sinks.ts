import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import type { Config } from '../../src/config/config.js';
import { SMS_SIGNATURE_HEADER, SMS_TIMESTAMP_HEADER } from '../../src/delivery/sms-webhook-sender.js';

const SECRET = 'console-webhook-secret';

/**
 * Where a test server sends login-protection codes: a local SMTP sink (the smtp-server package, a real
 * SMTP exchange through nodemailer) and a local SMS webhook receiver that refuses a call whose HMAC
 * does not check out, as a real receiver would.
 */
export interface CodeSinks {
  /** the server settings naming both (POLYIAM_SMTP_URL/FROM, POLYIAM_SMS_WEBHOOK_URL/SECRET) */
  config: Partial<Config>;
  mails: Array<{ to: string; raw: string }>;
  texts: Array<{ to: string; text: string }>;
  /** calls the receiver refused for a bad signature */
  refused: number;
  /** the code of the last mail to `to` (waits briefly: SMTP ends after the page answered) */
  lastMailCode(to: string): Promise<string>;
  lastTextCode(to: string): Promise<string>;
  close(): Promise<void>;
}

export async function openCodeSinks(): Promise<CodeSinks> {
  const sinks: CodeSinks = {
    config: {},
    mails: [],
    texts: [],
    refused: 0,
    lastMailCode: (to) => waitForCode(() => sinks.mails.filter((m) => m.to === to).at(-1)?.raw),
    lastTextCode: (to) => waitForCode(() => sinks.texts.filter((m) => m.to === to).at(-1)?.text),
    close: async () => undefined,
  };
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, done) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        for (const rcpt of session.envelope.rcptTo) sinks.mails.push({ to: rcpt.address, raw: Buffer.concat(chunks).toString('utf8') });
        done();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  const hook: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const timestamp = String(req.headers[SMS_TIMESTAMP_HEADER] ?? '');
      const expected = Buffer.from(`sha256=${createHmac('sha256', SECRET).update(`${timestamp}.${body}`).digest('hex')}`);
      const given = Buffer.from(String(req.headers[SMS_SIGNATURE_HEADER] ?? ''));
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
        sinks.refused++;
        res.writeHead(401).end();
        return;
      }
      sinks.texts.push(JSON.parse(body) as { to: string; text: string });
      res.writeHead(202).end();
    });
  });
  await new Promise<void>((resolve) => hook.listen(0, '127.0.0.1', resolve));
  sinks.config = {
    smtpUrl: `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`,
    smtpFrom: 'polyiam <no-reply@example.com>',
    smsWebhookUrl: `http://127.0.0.1:${(hook.address() as AddressInfo).port}/sms`,
    smsWebhookSecret: SECRET,
    // the real senders only: nothing reaches the test outbox
    testOutboxStandIn: false,
  };
  sinks.close = async () => {
    await new Promise<void>((resolve) => smtp.close(resolve));
    // fetch keeps its connections alive: end them, or close() waits for their idle timeout
    hook.closeAllConnections();
    await new Promise<void>((resolve) => hook.close(() => resolve()));
  };
  return sinks;
}

async function waitForCode(last: () => string | undefined): Promise<string> {
  for (let i = 0; i < 50; i++) {
    const code = /code is (\d{6})/.exec(last() ?? '')?.[1];
    if (code) return code;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('no code arrived');
}
