import { Injectable } from '@nestjs/common';

import { ChangeItem, ChangeType } from '@dx/contracts';

import { ChangeNotifierService } from './change-notifier.service';
import { ChangesRepository } from './changes.repository';

const PAGE = 500;
const KEEP_ALIVE_MS = 15_000;

/** Where a stream writes: one server-sent event at a time, honouring back-pressure. */
export interface EventSink {
  /** Resolves once the event is handed to the socket (or buffered within limits). */
  send(item: ChangeItem): Promise<void>;
  keepAlive(): Promise<void>;
  readonly closed: boolean;
}

/**
 * Follows the change feed from a cursor for as long as the client stays: first the backlog page by
 * page, then each new append as it is committed. Every item carries its cursor as the event id, so a
 * client that reconnects with Last-Event-ID continues exactly after the last event it received.
 */
@Injectable()
export class StreamChangesService {
  constructor(
    private readonly changes: ChangesRepository,
    private readonly notifier: ChangeNotifierService,
  ) {}

  async run(after: bigint | undefined, types: readonly ChangeType[], sink: EventSink, stop: Promise<void>): Promise<void> {
    let cursor = after ?? (await this.changes.latest());
    let wake: (() => void) | undefined;
    let pending = true;
    const unsubscribe = this.notifier.subscribe(() => {
      pending = true;
      wake?.();
    });
    let stopped = false;
    void stop.then(() => {
      stopped = true;
      wake?.();
    });
    try {
      while (!stopped && !sink.closed) {
        if (pending) {
          pending = false;
          for (;;) {
            const items = await this.changes.after(cursor, types, PAGE);
            for (const item of items) {
              if (stopped || sink.closed) return;
              await sink.send(item);
              cursor = BigInt(item.cursor);
            }
            if (items.length < PAGE) break;
          }
          continue;
        }
        const timedOut = await new Promise<boolean>((resolve) => {
          const timer = setTimeout(() => resolve(true), KEEP_ALIVE_MS);
          wake = () => {
            clearTimeout(timer);
            resolve(false);
          };
          if (pending || stopped) wake();
        });
        wake = undefined;
        if (timedOut && !stopped && !sink.closed) await sink.keepAlive();
      }
    } finally {
      unsubscribe();
    }
  }
}
