import http from 'node:http';

export interface ServerSentEvent {
  id?: string;
  event: string;
  data: string;
}

/** A server-sent-events client that records every event, as a portal would follow the stream. */
export interface SseConnection {
  readonly events: ServerSentEvent[];
  readonly status: Promise<number>;
  close(): void;
}

export function openEventStream(url: string, headers: Record<string, string> = {}): SseConnection {
  const events: ServerSentEvent[] = [];
  let request: http.ClientRequest | undefined;
  const status = new Promise<number>((resolve, reject) => {
    request = http.get(url, { headers: { accept: 'text/event-stream', ...headers } }, (response) => {
      resolve(response.statusCode ?? 0);
      response.setEncoding('utf8');
      let buffer = '';
      response.on('data', (chunk: string) => {
        buffer += chunk;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event: ServerSentEvent = { event: 'message', data: '' };
          const data: string[] = [];
          for (const line of block.split('\n')) {
            if (line.startsWith(':')) continue;
            const [field, ...rest] = line.split(':');
            const value = rest.join(':').replace(/^ /, '');
            if (field === 'id') event.id = value;
            else if (field === 'event') event.event = value;
            else if (field === 'data') data.push(value);
          }
          if (data.length > 0) events.push({ ...event, data: data.join('\n') });
        }
      });
      response.on('error', () => undefined);
    });
    request.on('error', reject);
  });
  return { events, status, close: () => request?.destroy() };
}
