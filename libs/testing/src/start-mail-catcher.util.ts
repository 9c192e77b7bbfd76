import { resolve } from 'node:path';

/** A message the catcher received. */
export interface CaughtMail {
  id: number;
  from: string;
  /** Envelope recipients. */
  to: string[];
  subject: string;
  text: string;
  html: string;
  headers: Record<string, string>;
  messageId: string;
  /** When it was received (ISO). */
  date: string;
}

export interface MailCatcher {
  /** For SMTP_URL. */
  smtpUrl: string;
  /** The page that lists the messages. */
  webUrl: string;
  /** Received messages, newest last (grows while it runs). */
  messages: CaughtMail[];
  stop(): Promise<void>;
}

// The catcher is plain CommonJS tooling, shared with `npm start`.
const CATCHER = resolve(__dirname, '../../../tools/infra/mail-catcher.cjs');

/**
 * A real SMTP server (smtp-server) in the test process, on free loopback ports, keeping every message it
 * receives (the catcher `npm start` runs). Point SMTP_URL at `smtpUrl`; read `messages`.
 */
export async function startMailCatcher(): Promise<MailCatcher> {
  const catcher = require(CATCHER) as { startMailCatcher(options: { smtpPort: number; webPort: number }): Promise<MailCatcher> };
  return catcher.startMailCatcher({ smtpPort: 0, webPort: 0 });
}
