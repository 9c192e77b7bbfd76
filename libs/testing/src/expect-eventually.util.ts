export interface ExpectEventuallyOptions {
  /** Deadline for the assertion to pass (default 10 000 ms). */
  timeoutMs?: number;
  /** Pause between two attempts (default 100 ms). */
  intervalMs?: number;
}

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Runs `assertion` until it stops throwing, and returns its result. At the deadline it rethrows the
 * last assertion error unchanged (so Jest shows the real expectation), or, when the last attempt is
 * still pending, an error saying so. Replaces fixed sleeps in tests (style C16).
 *
 * @example await expectEventually(async () => expect(await countAlerts()).toBe(1), { timeoutMs: 15_000 });
 */
export async function expectEventually<T>(assertion: () => T | Promise<T>, { timeoutMs = 10_000, intervalMs = 100 }: ExpectEventuallyOptions = {}): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let attempts = 0;
  for (;;) {
    attempts += 1;
    const remaining = Math.max(deadline - Date.now(), 0);
    let timer: NodeJS.Timeout | undefined;
    const stillPending = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`expectEventually: the assertion was still running after ${timeoutMs} ms (attempt ${attempts})`)), remaining);
    });
    try {
      return await Promise.race([Promise.resolve().then(assertion), stillPending]);
    } catch (error) {
      if (Date.now() + intervalMs > deadline) throw error;
    } finally {
      clearTimeout(timer);
    }
    await pause(intervalMs);
  }
}
