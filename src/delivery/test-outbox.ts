import type { CodeChannel, CodeMessage, CodeSender } from '../core/login-protection/code-sender.js';

export interface OutboxEntry {
  channel: CodeChannel;
  destination: string;
  text: string;
  code: string;
  /** ISO-8601 time of the send */
  at: string;
}

const MAX_ENTRIES = 1000;

/**
 * Test mode only: every code "sent" is kept here for GET /_test/outbox, so tests read codes without a
 * phone. Wraps the configured sender when there is one (the real send still happens), or stands in
 * for a channel that has none.
 */
export class TestOutbox {
  private readonly entries: OutboxEntry[] = [];

  constructor(private readonly now: () => number) {}

  sender(channel: CodeChannel, inner?: CodeSender): CodeSender {
    return {
      channel,
      send: async (message: CodeMessage) => {
        if (inner) await inner.send(message);
        this.entries.push({ channel, destination: message.destination, text: message.text, code: message.code, at: new Date(this.now()).toISOString() });
        if (this.entries.length > MAX_ENTRIES) this.entries.shift();
      },
    };
  }

  list(): OutboxEntry[] {
    return [...this.entries];
  }

  clear(): void {
    this.entries.length = 0;
  }
}
