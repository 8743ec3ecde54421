import nodemailer, { type Transporter } from 'nodemailer';
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
    this.transport = nodemailer.createTransport(url);
  }

  async send(message: CodeMessage): Promise<void> {
    await this.transport.sendMail({ from: this.from, to: message.destination, subject: message.subject, text: message.text });
  }

  close(): void {
    this.transport.close();
  }
}
