import { randomUUID } from 'node:crypto';

import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

import { ObservationRecordedV1 } from '@dx/contracts';
import { checkObservation, dimensionsKey, Observation } from '@dx/domain';
import { OutgoingEvent } from '@dx/messaging';
import { OutboxWriter } from '@dx/platform';

import { Agency } from '../agencies/agency.type';
import { ReferenceDataService } from '../catalog/reference-data.service';
import { ObservationChange, ObservationsRepository, StoredObservation } from './observations.repository';
import { Rejection, SubmissionChannel, SubmissionOutcome, SubmittedItem } from './submission.type';

export interface SubmitObservationsCommand {
  agency: Agency;
  items: ReadonlyArray<SubmittedItem>;
  channel: SubmissionChannel;
  idempotencyKey?: string;
  dryRun?: boolean;
  now?: Date;
  /** Intake rejects go to dx.intake.dlq.v1 in the same transaction (Kafka channel only). */
  rejectionEvents?: (rejected: Rejection[]) => OutgoingEvent<any>[];
}

const RETRYABLE_SQLSTATES = new Set(['23505', '40P01', '40001']);
const MAX_TRANSACTION_ATTEMPTS = 4;

interface CheckedItem {
  index: number;
  observation: Observation;
  key: string;
  dimensionsKey: string;
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
    if (command.idempotencyKey && !command.dryRun) {
      const previous = await this.observations.findSubmission(command.agency.code, { idempotencyKey: command.idempotencyKey });
      if (previous) return previous;
    }
    const now = command.now ?? new Date();
    const { checked, rejected } = this.check(command, now);
    const submissionId = randomUUID();

    for (let attempt = 1; ; attempt += 1) {
      try {
        if (command.dryRun) {
          return await this.dataSource.transaction('REPEATABLE READ', (manager) =>
            this.apply(manager, command, checked, rejected, submissionId, now, false),
          );
        }
        return await this.dataSource.transaction((manager) => this.apply(manager, command, checked, rejected, submissionId, now, true));
      } catch (error) {
        if (error instanceof IdempotencyKeyTaken) {
          const winner = await this.observations.findSubmission(command.agency.code, { idempotencyKey: command.idempotencyKey ?? '' });
          if (winner) return winner;
        }
        // A concurrent first insert of the same key, or a deadlock: the transaction is simply run again.
        const code = (error as { code?: string; driverError?: { code?: string } }).driverError?.code ?? (error as { code?: string }).code;
        if (!(code && RETRYABLE_SQLSTATES.has(code)) || attempt >= MAX_TRANSACTION_ATTEMPTS) throw error;
      }
    }
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
      const { measure, unit, period } = result.observation;
      checked.push({ index, observation: result.observation, dimensionsKey: dims, key: `${measure}|${unit}|${period}|${dims}` });
    }
    return { checked, rejected };
  }

  private async apply(
    manager: EntityManager,
    command: SubmitObservationsCommand,
    checked: ReadonlyArray<CheckedItem>,
    rejected: Rejection[],
    submissionId: string,
    now: Date,
    write: boolean,
  ): Promise<SubmissionOutcome> {
    const keys = [...new Map(checked.map((c) => [c.key, { ...c.observation, dimensionsKey: c.dimensionsKey }])).values()];
    const stored = await this.observations.current(manager, keys, write);
    const current = new Map<string, StoredObservation>(stored.map((s) => [`${s.measure}|${s.unit}|${s.period}|${s.dimensionsKey}`, s]));

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

    const answer = { submissionId, accepted, revised, unchanged, rejected };
    const status = checked.length === 0 ? 422 : 202;
    if (!write) return { status, answer };

    await this.observations.saveChanges(manager, changes, { agency: command.agency.code, submissionId, recordedAt: now });
    const recordedAt = now.toISOString();
    await this.outbox.enqueue(manager, [
      ...changes.map(
        (c): OutgoingEvent<ObservationRecordedV1> => ({
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
        }),
      ),
      ...(command.rejectionEvents?.(rejected) ?? []),
    ]);
    const saved = await this.observations.saveSubmission(manager, {
      agency: command.agency.code,
      channel: command.channel,
      idempotencyKey: command.idempotencyKey,
      status,
      answer,
    });
    if (!saved) throw new IdempotencyKeyTaken();
    return { status, answer };
  }
}

class IdempotencyKeyTaken extends Error {}
