/**
 * Where one-time codes go. Senders are ports: SMTP and an SMS webhook in production
 * (src/delivery/), and in test mode an outbox tests read (GET /_test/outbox).
 */
export type CodeChannel = 'sms' | 'email';

export interface CodeMessage {
  channel: CodeChannel;
  /** the email address or mobile number */
  destination: string;
  subject: string;
  text: string;
  /** the code itself, for the test outbox only: a real sender sends `text` and never logs either */
  code: string;
}

export interface CodeSender {
  readonly channel: CodeChannel;
  /** @throws when the message could not be handed over; the caller then tells the user */
  send(message: CodeMessage): Promise<void>;
}

/** The senders configured, by channel; a channel with none cannot send (CodeSenderUnavailableError). */
export type CodeSenders = Partial<Record<CodeChannel, CodeSender>>;
