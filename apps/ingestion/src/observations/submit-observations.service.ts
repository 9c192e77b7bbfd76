import { createHash, randomUUID } from 'node:crypto';

import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

import { DomainError, ObservationRecordedV1 } from '@dx/contracts';
import { canonicalJson, checkObservation, dimensionsKey, Observation } from '@dx/domain';
import { isTransactionConflict, OutgoingEvent } from '@dx/messaging';
import { OutboxWriter } from '@dx/platform';

import { ReportingAgency } from '../auth/principal.type';
import { ReferenceDataService } from '../reference-data/reference-data.service';
import { ConcurrentFirstInsert, ObservationChange, observationRowKey, ObservationsRepository, StoredObservation } from './observations.repository';
import { Rejection, SubmissionChannel, SubmissionOutcome, SubmittedItem } from './submission.type';

export interface SubmitObservationsCommand {
  agency: ReportingAgency;
  items: ReadonlyArray<SubmittedItem>;
  channel: SubmissionChannel;
  idempotencyKey?: string;
  dryRun?: boolean;
  now?: Date;
  /** Intake rejects go to dx.intake.dlq.v1 in the same transaction (Kafka channel only). */
  rejectionEvents?: (rejected: Rejection[]) => OutgoingEvent<any>[];
}

// A transaction that lost a race (a first insert of the same key, a deadlock, a serialization failure) is run again.
const MAX_TRANSACTION_ATTEMPTS = 4;

interface CheckedItem {
  index: number;
  observation: Observation;
  key: string;
  dimensionsKey: string;
}

/** What identifies a request for its Idempotency-Key: the channel and the items, whatever their key order. */
function requestHash(command: Pick<SubmitObservationsCommand, 'channel' | 'items'>): string {
  const items = command.items.map(({ index, item, rejection }) => ({ index, item, rejection }));
  return createHash('sha256')
    .update(`${command.channel}\n${canonicalJson(items)}`)
    .digest('hex');
}

function idempotencyKeyReused(): DomainError {
  return new DomainError('idempotency_key_reused', {
    vi: 'Idempotency-Key này đã được dùng cho một yêu cầu khác',
    en: 'this Idempotency-Key was used for a different request',
  });
}

/**
 * Checks every item on its own, then stores the valid ones with their revision history and outbox events in
 * one transaction: once this returns 202, the observations are durable and will reach dx.observations.v1.
 */
@Injectable()
export class SubmitObservationsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly observations: ObservationsRepository,
    private readonly reference: ReferenceDataService,
    private readonly outbox: OutboxWriter,
  ) {}

  async execute(command: SubmitObservationsCommand): Promise<SubmissionOutcome> {
    const hash = requestHash(command);
    if (command.idempotencyKey && !command.dryRun) {
      const previous = await this.previousAnswer(command.agency.code, command.idempotencyKey, hash);
      if (previous) return previous;
    }
    const now = command.now ?? new Date();
    const { checked, rejected } = this.check(command, now);
    const submissionId = randomUUID();

    for (let attempt = 1; ; attempt += 1) {
      try {
        if (command.dryRun) {
          return await this.dataSource.transaction('REPEATABLE READ', (manager) =>
            this.apply(manager, command, checked, rejected, { submissionId, now, hash, write: false }),
          );
        }
        return await this.dataSource.transaction((manager) => this.apply(manager, command, checked, rejected, { submissionId, now, hash, write: true }));
      } catch (error) {
        if (error instanceof IdempotencyKeyTaken) {
          const winner = await this.previousAnswer(command.agency.code, command.idempotencyKey ?? '', hash);
          if (winner) return winner;
        }
        const retryable = error instanceof ConcurrentFirstInsert || isTransactionConflict(error);
        if (!retryable || attempt >= MAX_TRANSACTION_ATTEMPTS) throw error;
      }
    }
  }

  /** The stored answer to this agency's Idempotency-Key; a 422 when the key was used for another request. */
  private async previousAnswer(agency: string, idempotencyKey: string, hash: string): Promise<SubmissionOutcome | undefined> {
    const previous = await this.observations.findSubmission(agency, { idempotencyKey });
    if (!previous) return undefined;
    // Submissions stored before fingerprints existed have none: their answer is returned as before.
    if (previous.requestHash !== null && previous.requestHash !== hash) throw idempotencyKeyReused();
    return { status: previous.status, answer: previous.answer };
  }

  private check(command: SubmitObservationsCommand, now: Date): { checked: CheckedItem[]; rejected: Rejection[] } {
    const checked: CheckedItem[] = [];
    const rejected: Rejection[] = [];
    const context = { catalogue: this.reference.catalogue, hierarchy: this.reference.hierarchies, now, agency: command.agency };
    for (const { index, item, rejection } of command.items) {
      if (rejection) {
        rejected.push({ index, ...rejection });
        continue;
      }
      const result = checkObservation(item, context);
      if (!result.ok) {
        rejected.push({ index, code: result.code, message: result.message });
        continue;
      }
      const dims = dimensionsKey(result.observation.dimensions);
      checked.push({ index, observation: result.observation, dimensionsKey: dims, key: observationRowKey({ ...result.observation, dimensionsKey: dims }) });
    }
    return { checked, rejected };
  }

  private async apply(
    manager: EntityManager,
    command: SubmitObservationsCommand,
    allChecked: ReadonlyArray<CheckedItem>,
    allRejected: ReadonlyArray<Rejection>,
    run: { submissionId: string; now: Date; hash: string; write: boolean },
  ): Promise<SubmissionOutcome> {
    let checked = allChecked;
    let rejected = [...allRejected];
    const messageIds = new Map(command.items.flatMap(({ index, messageId }) => (messageId ? [[index, messageId] as const] : [])));
    if (run.write && messageIds.size > 0) {
      // Kafka intake: messages applied before (a replay after a crash, a rebalance or a retried slice) are
      // skipped, their rejects included; claimed first, so a concurrent replay waits here, then skips.
      const fresh = await this.observations.claimMessages(manager, [...messageIds.values()]);
      const isFresh = (index: number) => {
        const id = messageIds.get(index);
        return id === undefined || fresh.has(id);
      };
      checked = checked.filter((c) => isFresh(c.index));
      rejected = rejected.filter((r) => isFresh(r.index));
      if (checked.length === 0 && rejected.length === 0) {
        return { status: 202, answer: { submissionId: run.submissionId, accepted: 0, revised: 0, unchanged: 0, rejected: [] } };
      }
    }

    const keys = [...new Map(checked.map((c) => [c.key, { ...c.observation, dimensionsKey: c.dimensionsKey }])).values()];
    // Locks the keys that exist; keys that do not are inserted only if still absent (saveChanges).
    const stored = await this.observations.current(manager, keys, run.write);
    const current = new Map<string, StoredObservation>(stored.map((s) => [observationRowKey(s), s]));
    const newKeys = new Set(keys.map(observationRowKey).filter((key) => !current.has(key)));

    // Items are applied in order: a key sent twice in one request is a revision of itself.
    const changes: ObservationChange[] = [];
    let accepted = 0;
    let revised = 0;
    let unchanged = 0;
    for (const { observation, key, dimensionsKey: dims } of checked) {
      const before = current.get(key);
      if (before && before.value === observation.value) {
        unchanged += 1;
        continue;
      }
      const change: ObservationChange = {
        ...observation,
        dimensionsKey: dims,
        revision: before ? before.revision + 1 : 1,
        observationId: before?.observationId ?? randomUUID(),
        ...(before ? { previousValue: before.value } : {}),
      };
      if (before) revised += 1;
      else accepted += 1;
      changes.push(change);
      current.set(key, change);
    }

    const answer = { submissionId: run.submissionId, accepted, revised, unchanged, rejected };
    const status = checked.length === 0 ? 422 : 202;
    if (!run.write) return { status, answer };

    await this.observations.saveChanges(manager, changes, newKeys, { agency: command.agency.code, submissionId: run.submissionId, recordedAt: run.now });
    const recordedAt = run.now.toISOString();
    await this.outbox.enqueue(manager, [
      ...changes.map((c): OutgoingEvent<ObservationRecordedV1> => ({
        contract: ObservationRecordedV1,
        // Stable per revision: a relay that re-publishes after a crash is de-duplicated downstream.
        id: `${c.observationId}:${c.revision}`,
        data: {
          observationId: c.observationId,
          agency: command.agency.code,
          measure: c.measure,
          unit: c.unit,
          period: c.period,
          ...(c.dimensions ? { dimensions: { ...c.dimensions } } : {}),
          value: c.value,
          revision: c.revision,
          ...(c.previousValue !== undefined ? { previousValue: c.previousValue } : {}),
          recordedAt,
        },
      })),
      ...(command.rejectionEvents?.(rejected) ?? []),
    ]);
    const saved = await this.observations.saveSubmission(manager, {
      agency: command.agency.code,
      channel: command.channel,
      idempotencyKey: command.idempotencyKey,
      requestHash: run.hash,
      status,
      answer,
    });
    if (!saved) throw new IdempotencyKeyTaken();
    return { status, answer };
  }
}

class IdempotencyKeyTaken extends Error {}
