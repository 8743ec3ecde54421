import { createHmac } from 'node:crypto';
import type { CodeMessage, CodeSender } from '../core/login-protection/code-sender.js';

/** The header carrying `sha256=<hex HMAC-SHA256 of the body>` under POLYIAM_SMS_WEBHOOK_SECRET */
export const SMS_SIGNATURE_HEADER = 'x-polyiam-signature';
/** epoch seconds of the send, also covered by the HMAC (`<timestamp>.<body>`) so a captured call cannot be replayed later */
export const SMS_TIMESTAMP_HEADER = 'x-polyiam-timestamp';

/**
 * Login-protection codes by SMS through an HTTP webhook (POLYIAM_SMS_WEBHOOK_URL): a JSON POST
 * `{"to", "text"}` the receiver hands to its SMS gateway. With a secret, the receiver can check the
 * call came from polyiam: HMAC-SHA256 over `<timestamp>.<body>`.
 */
export class SmsWebhookSender implements CodeSender {
  readonly channel = 'sms' as const;

  constructor(
    private readonly url: string,
    private readonly secret: string | undefined,
    private readonly timeoutMs = 10_000,
  ) {}

  async send(message: CodeMessage): Promise<void> {
    const body = JSON.stringify({ to: message.destination, text: message.text });
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (this.secret) {
      const timestamp = String(Math.floor(Date.now() / 1000));
      headers[SMS_TIMESTAMP_HEADER] = timestamp;
      headers[SMS_SIGNATURE_HEADER] = `sha256=${createHmac('sha256', this.secret).update(`${timestamp}.${body}`).digest('hex')}`;
    }
    const response = await fetch(this.url, { method: 'POST', headers, body, signal: AbortSignal.timeout(this.timeoutMs) });
    // the receiver's answer is drained, never logged: it may echo the text
    await response.arrayBuffer().catch(() => undefined);
    if (!response.ok) throw new Error(`the SMS webhook answered HTTP ${response.status}`);
  }
}
