import { Injectable, OnModuleDestroy, OnModuleInit } from '@nestjs/common';

import { ReferenceDataService } from '../reference/reference-data.service';
import { ChangeNotifierService } from './change-notifier.service';

// Distinct queries kept at once; past it the oldest goes (portals ask for few distinct scorecards at a time).
const MAX_ENTRIES = 5_000;

/**
 * Answers of the read model's costliest GETs (scorecard, series), kept until the read model changes.
 * Every write of the read model appends to the change feed, whose NOTIFY reaches every instance, so an
 * answer is dropped as soon as any instance's committed change is notified (milliseconds); without a LISTEN connection the notifier's
 * fallback tick (≤ 2 s) drops them all, which also bounds what the business clock could make stale.
 * A reference-data change (targets, hierarchy versions) drops them too: answers show targets.
 * Concurrent misses of one query share one computation; one computed while a change arrived is not kept.
 */
@Injectable()
export class ReadModelCacheService implements OnModuleInit, OnModuleDestroy {
  private readonly answers = new Map<string, Promise<unknown>>();
  private generation = 0;
  private unsubscribe: Array<() => void> = [];

  constructor(
    private readonly notifier: ChangeNotifierService,
    private readonly reference: ReferenceDataService,
  ) {}

  onModuleInit(): void {
    this.unsubscribe = [this.notifier.subscribe(() => this.invalidate()), this.reference.onChange(() => this.invalidate())];
  }

  onModuleDestroy(): void {
    for (const unsubscribe of this.unsubscribe) unsubscribe();
    this.unsubscribe = [];
  }

  /** The kept answer for `key`, else `compute()`'s (a failure is never kept). */
  get<T>(key: string, compute: () => Promise<T>): Promise<T> {
    const kept = this.answers.get(key);
    if (kept) return kept as Promise<T>;
    const generation = this.generation;
    const answer = compute();
    this.answers.set(key, answer);
    if (this.answers.size > MAX_ENTRIES) this.answers.delete(this.answers.keys().next().value as string);
    answer.then(
      () => {
        // A change during the computation may not be in its answer: let the next request compute again.
        if (this.generation !== generation && this.answers.get(key) === answer) this.answers.delete(key);
      },
      () => {
        if (this.answers.get(key) === answer) this.answers.delete(key);
      },
    );
    return answer;
  }

  private invalidate(): void {
    this.generation += 1;
    this.answers.clear();
  }
}
