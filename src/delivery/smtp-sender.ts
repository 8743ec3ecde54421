import { createRequire } from 'node:module';
import type { Transporter } from 'nodemailer';
import type { CodeMessage, CodeSender } from '../core/login-protection/code-sender.js';

/** Login-protection codes by email through SMTP (POLYIAM_SMTP_URL, POLYIAM_SMTP_FROM), with nodemailer. */
export class SmtpCodeSender implements CodeSender {
  readonly channel = 'email' as const;
  private readonly transport: Transporter;

  constructor(
    url: string,
    private readonly from: string,
  ) {
    // SECURITY: no `logger`/`debug` options: nodemailer's own logging would write the message (and the code)
    // loaded only when SMTP is configured: it holds ~15 MB a start without it need not pay (#17)
    const nodemailer = createRequire(import.meta.url)('nodemailer') as typeof import('nodemailer');
    this.transport = nodemailer.createTransport(url);
  }

  async send(message: CodeMessage): Promise<void> {
    await this.transport.sendMail({ from: this.from, to: message.destination, subject: message.subject, text: message.text });
  }

  close(): void {
    this.transport.close();
  }
}
