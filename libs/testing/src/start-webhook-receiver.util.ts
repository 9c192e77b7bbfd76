import { createServer, IncomingHttpHeaders, Server } from 'node:http';
import { AddressInfo } from 'node:net';

/** A request as the receiver got it: the raw body bytes (what a signature covers) and the headers. */
export interface ReceivedWebhook {
  readonly headers: IncomingHttpHeaders;
  readonly rawBody: Buffer;
  readonly body: unknown;
  /** The status the receiver answered. */
  readonly status: number;
  readonly receivedAt: Date;
}

export interface WebhookReceiver {
  /** `http://127.0.0.1:<port>/hook`: the same port across `down()` / `up()`. */
  readonly url: string;
  /** Every request received, in order (answered or not with 2xx). */
  readonly requests: ReceivedWebhook[];
  /** Answers the next requests with this status (default 204). */
  answerWith(status: number): void;
  /** Stops listening: requests are refused (connection refused), as with a receiver that is down. */
  down(): Promise<void>;
  /** Listens again on the same port. */
  up(): Promise<void>;
  stop(): Promise<void>;
}

/** An HTTP receiver on loopback that records what webhooks send it. */
export async function startWebhookReceiver(options: { status?: number; port?: number } = {}): Promise<WebhookReceiver> {
  const requests: ReceivedWebhook[] = [];
  let status = options.status ?? 204;
  let server: Server | undefined;
  const listen = (port: number) =>
    new Promise<Server>((resolve, reject) => {
      const created = createServer((req, res) => {
        const chunks: Buffer[] = [];
        req.on('data', (chunk: Buffer) => chunks.push(chunk));
        req.on('end', () => {
          const rawBody = Buffer.concat(chunks);
          let body: unknown;
          try {
            body = JSON.parse(rawBody.toString('utf8'));
          } catch {
            body = undefined;
          }
          requests.push({ headers: req.headers, rawBody, body, status, receivedAt: new Date() });
          res.writeHead(status).end();
        });
      });
      created.once('error', reject);
      created.listen(port, '127.0.0.1', () => resolve(created));
    });
  const close = () =>
    new Promise<void>((resolve) => {
      if (!server) return resolve();
      const closing = server;
      server = undefined;
      closing.closeAllConnections();
      closing.close(() => resolve());
    });
  server = await listen(options.port ?? 0);
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    requests,
    answerWith: (next) => {
      status = next;
    },
    down: close,
    up: async () => {
      if (!server) server = await listen(port);
    },
    stop: close,
  };
}
