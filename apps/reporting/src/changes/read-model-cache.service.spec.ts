import { defaultReferenceData, indicatorTargets } from '@dx/domain';

import { ReferenceDataService } from '../reference/reference-data.service';
import { ChangeNotifierService } from './change-notifier.service';
import { ReadModelCacheService } from './read-model-cache.service';

/** The notifier as the cache sees it: `change()` plays a NOTIFY from any instance. */
function aNotifier() {
  const listeners = new Set<() => void>();
  const notifier = {
    subscribe: (listener: () => void) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  } as unknown as ChangeNotifierService;
  return { notifier, change: () => listeners.forEach((l) => l()), listening: () => listeners.size };
}

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<T>((res, rej) => ([resolve, reject] = [res, rej]));
  return { promise, resolve, reject };
}

describe('ReadModelCacheService', () => {
  let changes: ReturnType<typeof aNotifier>;
  let reference: ReferenceDataService;
  let cache: ReadModelCacheService;
  let computed: number;
  const answer = (value: string) => () => {
    computed += 1;
    return Promise.resolve(value);
  };

  beforeEach(() => {
    changes = aNotifier();
    reference = new ReferenceDataService();
    cache = new ReadModelCacheService(changes.notifier, reference);
    cache.onModuleInit();
    computed = 0;
  });

  it('should answer a repeated query from the kept answer until the read model changes', async () => {
    expect(await cache.get('scorecard|92|2025', answer('first'))).toBe('first');
    expect(await cache.get('scorecard|92|2025', answer('second'))).toBe('first');
    expect(await cache.get('scorecard|31117|2025', answer('other unit'))).toBe('other unit');
    expect(computed).toBe(2);

    changes.change();
    expect(await cache.get('scorecard|92|2025', answer('after the change'))).toBe('after the change');
    expect(computed).toBe(3);
  });

  it('should drop the kept answers when the reference data change (answers show targets)', async () => {
    expect(await cache.get('scorecard|92|2025', answer('old targets'))).toBe('old targets');
    const soc01 = indicatorTargets(defaultReferenceData().catalogue, 'SOC-01');
    expect(
      reference.apply({ kind: 'targets', indicator: 'SOC-01', change: { ...soc01, targets: [{ kind: 'milestone', year: 2025, op: '>=', value: 99 }] } }),
    ).toEqual([]);
    expect(await cache.get('scorecard|92|2025', answer('new targets'))).toBe('new targets');
  });

  it('should compute once for concurrent misses of one query', async () => {
    const slow = deferred<string>();
    let calls = 0;
    const compute = () => {
      calls += 1;
      return slow.promise;
    };
    const both = Promise.all([cache.get('k', compute), cache.get('k', compute)]);
    slow.resolve('shared');
    expect(await both).toEqual(['shared', 'shared']);
    expect(calls).toBe(1);
  });

  it('should not keep an answer computed while a change arrived, which may miss it', async () => {
    const slow = deferred<string>();
    const first = cache.get('k', () => slow.promise);
    changes.change();
    slow.resolve('read before the change');
    expect(await first).toBe('read before the change');
    expect(await cache.get('k', answer('read after the change'))).toBe('read after the change');
  });

  it('should not keep a failure', async () => {
    await expect(cache.get('k', () => Promise.reject(new Error('database down')))).rejects.toThrow('database down');
    expect(await cache.get('k', answer('back'))).toBe('back');
  });

  it('should stop listening when the module is destroyed', () => {
    expect(changes.listening()).toBe(1);
    cache.onModuleDestroy();
    expect(changes.listening()).toBe(0);
    // …and no longer follows the reference data either.
    const soc01 = indicatorTargets(defaultReferenceData().catalogue, 'SOC-01');
    void cache.get('k', answer('kept'));
    reference.apply({ kind: 'targets', indicator: 'SOC-01', change: { ...soc01, targets: [{ kind: 'milestone', year: 2025, op: '>=', value: 99 }] } });
    return expect(cache.get('k', answer('recomputed'))).resolves.toBe('kept');
  });
});
