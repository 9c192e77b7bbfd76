import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { z } from 'zod';

import { HierarchyDefinition, IndicatorTargets } from '@dx/domain';
import { queryRows, storedDocument } from '@dx/platform';

// Documents this repository wrote, each validated by the domain before it was stored.
const hierarchyRow = z.object({ definition: storedDocument<HierarchyDefinition>() });
const targetsRow = z.object({ targets: storedDocument<IndicatorTargets>() });

/** SQL of the stored reference-data changes. Runs inside the caller's transaction. */
@Injectable()
export class ReferenceDataRepository {
  /**
   * Serialises reference-data changes across instances until the transaction ends: each change is
   * validated against the state the one before it left.
   */
  async lock(manager: EntityManager): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext('ingestion:reference-data'))`);
  }

  /** The stored hierarchy versions, oldest effective date first (each one's predecessor loads before it). */
  async hierarchies(manager: EntityManager): Promise<HierarchyDefinition[]> {
    const rows = await queryRows(manager, hierarchyRow, `SELECT definition FROM ingestion.hierarchy_version ORDER BY effective_from, version`);
    return rows.map((r) => r.definition);
  }

  async targets(manager: EntityManager): Promise<IndicatorTargets[]> {
    const rows = await queryRows(manager, targetsRow, `SELECT targets FROM ingestion.indicator_targets ORDER BY indicator`);
    return rows.map((r) => r.targets);
  }

  async saveHierarchy(manager: EntityManager, definition: HierarchyDefinition, changedAt: Date): Promise<void> {
    await manager.query(
      `INSERT INTO ingestion.hierarchy_version (version, effective_from, definition, changed_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (version) DO UPDATE SET effective_from = EXCLUDED.effective_from, definition = EXCLUDED.definition, changed_at = EXCLUDED.changed_at`,
      [definition.id, definition.effectiveFrom, JSON.stringify(definition), changedAt],
    );
  }

  async saveTargets(manager: EntityManager, targets: IndicatorTargets, changedAt: Date): Promise<void> {
    await manager.query(
      `INSERT INTO ingestion.indicator_targets (indicator, targets, changed_at) VALUES ($1, $2, $3)
       ON CONFLICT (indicator) DO UPDATE SET targets = EXCLUDED.targets, changed_at = EXCLUDED.changed_at`,
      [targets.indicator, JSON.stringify(targets), changedAt],
    );
  }
}
