import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

import { DomainError, encodeEvent, HierarchyChangedV1, TargetsChangedV1 } from '@dx/contracts';
import {
  applyReferenceChange,
  DefinitionProblem,
  HierarchyDefinition,
  Indicator,
  indicatorTargets,
  ReferenceChange,
  ReferenceData,
  TargetChange,
  UnitHierarchy,
} from '@dx/domain';
import { OUTBOX_MAX_SEND_BYTES, OutboxWriter } from '@dx/platform';

import { ReferenceDataRepository } from './reference-data.repository';
import { ReferenceDataService } from './reference-data.service';

/** A change refused with every reason the domain gives; nothing was stored or published. */
function refused(code: 'invalid_hierarchy' | 'invalid_targets', problems: readonly DefinitionProblem[]): DomainError {
  const text =
    code === 'invalid_hierarchy'
      ? { vi: 'Phiên bản danh mục hành chính không hợp lệ, không có gì thay đổi', en: 'invalid hierarchy version, nothing changed' }
      : { vi: 'Mục tiêu không hợp lệ, không có gì thay đổi', en: 'invalid targets, nothing changed' };
  return new DomainError(
    code,
    text,
    problems.map((p) => ({ code: p.code, entry: p.entry, message: p.message })),
  );
}

/**
 * An administrator's change of reference data: validated by the domain against the reference data as the
 * last committed change left it (changes are serialised across instances), stored and written to the outbox
 * for dx.reference.v1 in one transaction, and usable by this instance as soon as it commits.
 */
@Injectable()
export class ChangeReferenceDataService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: ReferenceDataRepository,
    private readonly reference: ReferenceDataService,
    private readonly outbox: OutboxWriter,
  ) {}

  async putHierarchy(definition: HierarchyDefinition): Promise<UnitHierarchy> {
    const changed = await this.change({ kind: 'hierarchy', definition }, async (manager, next, now) => {
      await this.repository.saveHierarchy(manager, definition, now);
      const data: HierarchyChangedV1 = {
        version: definition.id,
        effectiveFrom: definition.effectiveFrom,
        units: definition.units.map((u) => ({ ...u, parentCode: u.parentCode ?? null, formedFrom: u.formedFrom?.map((part) => ({ ...part })) })),
        ...(definition.source !== undefined ? { source: definition.source } : {}),
        ...(definition.asOf !== undefined ? { asOf: definition.asOf } : {}),
        changedAt: now.toISOString(),
      };
      // A version is one message (the compacted topic's state per key): one the broker would refuse would
      // be stored here and parked by the relay, never reaching the other services.
      const bytes = Buffer.byteLength(encodeEvent(HierarchyChangedV1, data, { source: '/dx/ingestion' }).value);
      if (bytes > OUTBOX_MAX_SEND_BYTES) {
        throw new DomainError('payload_too_large', {
          vi: `Phiên bản quá lớn cho một thông điệp (${bytes} byte, tối đa ${OUTBOX_MAX_SEND_BYTES}), không có gì thay đổi`,
          en: `the version is too large for one message (${bytes} bytes, at most ${OUTBOX_MAX_SEND_BYTES}), nothing changed`,
        });
      }
      await this.outbox.enqueue(manager, [{ contract: HierarchyChangedV1, data }]);
      return next;
    });
    return changed.hierarchies.version(definition.id) as UnitHierarchy;
  }

  async putTargets(indicator: string, change: TargetChange): Promise<Indicator> {
    const changed = await this.change({ kind: 'targets', indicator, change }, async (manager, next, now) => {
      const targets = indicatorTargets(next.catalogue, indicator);
      if (!targets) throw new Error(`indicator ${indicator} vanished from the catalogue`);
      await this.repository.saveTargets(manager, targets, now);
      const data: TargetsChangedV1 = {
        ...targets,
        targets: targets.targets.map((t) => ({ ...t })),
        baseline: { ...targets.baseline },
        changedAt: now.toISOString(),
      };
      await this.outbox.enqueue(manager, [{ contract: TargetsChangedV1, data }]);
      return next;
    });
    return changed.catalogue.indicator(indicator) as Indicator;
  }

  private async change(
    change: ReferenceChange,
    store: (manager: EntityManager, next: ReferenceData, now: Date) => Promise<ReferenceData>,
  ): Promise<ReferenceData> {
    const next = await this.dataSource.transaction(async (manager) => {
      await this.repository.lock(manager);
      // Validated against what is stored, not this instance's copy: another instance may have changed it.
      const current = await this.reference.load(manager);
      const result = applyReferenceChange(current, change);
      if (!result.ok && change.kind === 'targets' && result.problems.some((p) => p.code === 'unknown_indicator')) {
        throw DomainError.notFound({ vi: `Không có chỉ tiêu ${change.indicator}`, en: `no indicator ${change.indicator}` });
      }
      if (!result.ok) throw refused(change.kind === 'hierarchy' ? 'invalid_hierarchy' : 'invalid_targets', result.problems);
      return store(manager, result.value, new Date());
    });
    this.reference.replace(next);
    return next;
  }
}
