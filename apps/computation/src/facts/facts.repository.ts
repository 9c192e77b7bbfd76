import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { z } from 'zod';

import { ObservationRecordedV1 } from '@dx/contracts';
import { dimensionsKey, FactSet, HierarchyRegistry, Observation, observationKey, reportKey } from '@dx/domain';
import { queryRows } from '@dx/platform';

import { FactCoordinates, FactScope, FactStore, RecordedObservation } from './fact-store.port';

const factRow = z.object({
  measure: z.string(),
  unit: z.string(),
  period: z.string(),
  dimensions: z.record(z.string(), z.string()).nullable(),
  value: z.number(),
  hierarchy_version: z.string().nullable(),
});
type FactRow = z.infer<typeof factRow>;
const claimedRow = z.object({ event_id: z.string() });
const changedRow = z.object({ measure: z.string(), unit: z.string(), period: z.string(), hierarchyVersion: z.string() });
const yearRow = z.object({ year: z.number().nullable() });

/**
 * This service's copy of the observations: each event applied once (by its id), and for each
 * (measure, unit, period, dimensions) the highest revision wins, whatever order events arrive in.
 * Every method runs inside the caller's transaction.
 */
@Injectable()
export class FactsRepository implements FactStore {
  /**
   * Applies `observations`, each in the version `hierarchies` has in force for its period (the one ingestion
   * checked it against); returns the (measure, unit, period, version) whose current value changed.
   */
  async record(manager: EntityManager, observations: ReadonlyArray<RecordedObservation>, hierarchies: HierarchyRegistry): Promise<FactCoordinates[]> {
    if (observations.length === 0) return [];
    const ids = [...new Set(observations.map((o) => o.eventId))];
    const inserted = await queryRows(
      manager,
      claimedRow,
      `INSERT INTO computation.processed_event (event_id) SELECT unnest($1::text[])
       ON CONFLICT (event_id) DO NOTHING RETURNING event_id`,
      [ids],
    );
    const fresh = new Set(inserted.map((row) => row.event_id));
    // Within one batch keep the highest revision per key; the upsert guard handles the rest.
    const latest = new Map<string, ObservationRecordedV1>();
    for (const { eventId, data } of observations) {
      if (!fresh.has(eventId)) continue;
      fresh.delete(eventId);
      const key = observationKey(data);
      const current = latest.get(key);
      if (!current || current.revision < data.revision) latest.set(key, data);
    }
    const rows = [...latest.values()];
    if (rows.length === 0) return [];
    const changed: FactCoordinates[] = await queryRows(
      manager,
      changedRow,
      `INSERT INTO computation.observation_fact
         (measure, unit, period, dimensions_key, dimensions, value, revision, observation_id, recorded_at, hierarchy_version)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::jsonb[], $6::float8[], $7::int[], $8::text[], $9::timestamptz[], $10::text[])
       ON CONFLICT (measure, unit, period, dimensions_key) DO UPDATE SET
         dimensions = EXCLUDED.dimensions, value = EXCLUDED.value, revision = EXCLUDED.revision,
         observation_id = EXCLUDED.observation_id, recorded_at = EXCLUDED.recorded_at, hierarchy_version = EXCLUDED.hierarchy_version
       WHERE computation.observation_fact.revision < EXCLUDED.revision
       RETURNING measure, unit, period, hierarchy_version AS "hierarchyVersion"`,
      [
        rows.map((r) => r.measure),
        rows.map((r) => r.unit),
        rows.map((r) => r.period),
        rows.map((r) => dimensionsKey(r.dimensions)),
        rows.map((r) => (r.dimensions ? JSON.stringify(r.dimensions) : null)),
        rows.map((r) => r.value),
        rows.map((r) => r.revision),
        rows.map((r) => r.observationId),
        rows.map((r) => r.recordedAt),
        rows.map((r) => hierarchies.inForce(r.period).id),
      ],
    );
    return changed;
  }

  /** The current facts within `scope`, indexed for the domain's computation. */
  async load(manager: EntityManager, scope: FactScope): Promise<FactSet> {
    const facts = new FactSet();
    if (scope.measures.length === 0 || scope.units.length === 0 || scope.years.length === 0) return facts;
    // Thousands of rows per slice: the first row shows a query out of step with the migrations (ADR 0014).
    const rows = await queryRows(
      manager,
      factRow,
      `SELECT measure, unit, period, dimensions, value, hierarchy_version FROM computation.observation_fact
       WHERE measure = ANY($1::text[]) AND unit = ANY($2::text[]) AND left(period, 4) = ANY($3::text[])`,
      [scope.measures, scope.units, scope.years.map((y) => String(y).padStart(4, '0'))],
      { check: 'first' },
    );
    for (const row of rows) facts.add(toObservation(row));
    return facts;
  }

  /** The year of the earliest fact, if any: no value of an earlier period has an input. */
  async firstYear(manager: EntityManager): Promise<number | undefined> {
    const rows = await queryRows(manager, yearRow, `SELECT min(left(period, 4))::int AS year FROM computation.observation_fact`);
    return rows[0]?.year ?? undefined;
  }

  /** Every current fact (rebuild). */
  async loadAll(manager: EntityManager): Promise<{ facts: FactSet; coordinates: FactCoordinates[] }> {
    const rows = await queryRows(manager, factRow, `SELECT measure, unit, period, dimensions, value, hierarchy_version FROM computation.observation_fact`, [], {
      check: 'first',
    });
    const facts = new FactSet();
    const coordinates = new Map<string, FactCoordinates>();
    for (const row of rows) {
      const observation = toObservation(row);
      facts.add(observation);
      const { measure, unit, period, hierarchyVersion } = observation;
      coordinates.set(reportKey(observation), { measure, unit, period, ...(hierarchyVersion !== undefined ? { hierarchyVersion } : {}) });
    }
    return { facts, coordinates: [...coordinates.values()] };
  }
}

// A fact in the version it was applied in; a row from before the column has none (the version in force).
function toObservation(row: FactRow): Observation {
  return {
    measure: row.measure,
    unit: row.unit,
    period: row.period,
    value: row.value,
    ...(row.dimensions ? { dimensions: row.dimensions } : {}),
    ...(row.hierarchy_version !== null ? { hierarchyVersion: row.hierarchy_version } : {}),
  };
}
