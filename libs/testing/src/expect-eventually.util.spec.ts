import { expectEventually } from './expect-eventually.util';

describe('expectEventually', () => {
  it('should return the result of the first passing attempt when the assertion passes immediately', async () => {
    const assertion = jest.fn(() => 42);

    await expect(expectEventually(assertion)).resolves.toBe(42);
    expect(assertion).toHaveBeenCalledTimes(1);
  });

  it('should retry until the assertion passes when it fails at first', async () => {
    let calls = 0;
    const result = await expectEventually(
      () => {
        calls += 1;
        expect(calls).toBeGreaterThanOrEqual(3);
        return calls;
      },
      { timeoutMs: 5_000, intervalMs: 1 },
    );

    expect(result).toBe(3);
  });

  it('should await asynchronous assertions when they return a promise', async () => {
    let calls = 0;
    const result = await expectEventually(
      async () => {
        calls += 1;
        await Promise.resolve();
        if (calls < 2) throw new Error('not yet');
        return 'done';
      },
      { timeoutMs: 5_000, intervalMs: 1 },
    );

    expect(result).toBe('done');
    expect(calls).toBe(2);
  });

  it('should rethrow the last assertion error unchanged when the deadline passes', async () => {
    let calls = 0;
    const lastError = await expectEventually(
      () => {
        calls += 1;
        throw new Error(`failure ${calls}`);
      },
      { timeoutMs: 30, intervalMs: 5 },
    ).catch((error: unknown) => error);

    expect(lastError).toBeInstanceOf(Error);
    expect((lastError as Error).message).toBe(`failure ${calls}`);
    expect(calls).toBeGreaterThan(1);
  });

  it('should keep the jest matcher message when an expectation never holds', async () => {
    await expect(expectEventually(() => expect(1).toBe(2), { timeoutMs: 20, intervalMs: 5 })).rejects.toThrow(/Expected:.*2/);
  });

  it('should fail at the deadline when an attempt never settles', async () => {
    await expect(expectEventually(() => new Promise<never>(() => undefined), { timeoutMs: 30 })).rejects.toThrow(/still running after 30 ms/);
  });

  it('should not start another attempt when the next one would begin after the deadline', async () => {
    const assertion = jest.fn(() => {
      throw new Error('never');
    });

    await expect(expectEventually(assertion, { timeoutMs: 50, intervalMs: 1_000 })).rejects.toThrow('never');
    expect(assertion).toHaveBeenCalledTimes(1);
  });
});
