import { AppLogger } from '@dx/platform';

export interface PollingLoopOptions {
  readonly name: string;
  /** Pause between two rounds when a round found nothing more to do. */
  readonly intervalMs: number;
  readonly logger: AppLogger;
  /** One round of work; resolves true when more is due right away. */
  readonly round: () => Promise<boolean>;
}

const MAX_BACKOFF_MS = 10_000;

/**
 * Runs a round of persisted-timer work now and then, at once when woken (a new row came due in this
 * process) and at least every `intervalMs` (rows from other instances, retries, restarts). A failed
 * round (database down) is logged and retried with back-off; nothing is lost since the rows stay.
 */
export class PollingLoop {
  private running = false;
  private woken = false;
  private wakeUp?: () => void;
  private loop?: Promise<void>;

  constructor(private readonly options: PollingLoopOptions) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wakeUp?.();
    await this.loop;
  }

  /** Runs a round as soon as the current one (if any) ends. */
  wake(): void {
    this.woken = true;
    this.wakeUp?.();
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (this.running) {
      this.woken = false;
      try {
        const more = await this.options.round();
        failures = 0;
        if (more) continue;
        await this.sleep(this.options.intervalMs);
      } catch (error) {
        failures += 1;
        this.options.logger.warn({ err: error, loop: this.options.name, failures }, 'scheduled work failed; retrying');
        await this.sleep(Math.min(this.options.intervalMs * 2 ** Math.min(failures, 6), MAX_BACKOFF_MS));
      }
    }
  }

  private sleep(ms: number): Promise<void> {
    if (this.woken || !this.running) return Promise.resolve();
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.wakeUp = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wakeUp = done;
    });
  }
}
