import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { z } from 'zod';

import { IndicatorValue, IndicatorValueRef } from '@dx/domain';
import { queryRows, storedDocument } from '@dx/platform';

import { IndicatorValueStore } from './indicator-value-store.port';
import { refKey } from './recompute-plan.util';

const valueRow = z.object({ payload: storedDocument<IndicatorValue>() });
const refRow = z.object({ unit: z.string(), period: z.string(), version: z.string().nullable() });
// Values written by one statement (a value's JSON is ~0.5–1 KB): enough to share the round trip, small
// enough that its parameter stays about 1 MB.
const VALUES_PER_STATEMENT = 1_000;

/** Stored current indicator values, by `indicator|unit|period`. Runs inside the caller's transaction. */
@Injectable()
export class IndicatorValuesRepository implements IndicatorValueStore {
  /**
   * Takes a transaction-scoped lock on each unit, in the given (sorted) order. Values of a unit are
   * written only under its lock, and facts are read after it is taken, so the last writer of a shared
   * ancestor (the city) has seen every fact committed before it: two instances never lose an update.
   */
  async lockUnits(manager: EntityManager, units: readonly string[]): Promise<void> {
    if (units.length === 0) return;
    await manager.query(
      `SELECT count(pg_advisory_xact_lock(hashtext('computation:unit'), hashtext(u.code)))
       FROM (SELECT code FROM unnest($1::text[]) WITH ORDINALITY AS t(code, n) ORDER BY n) u`,
      [units],
    );
  }

  async load(manager: EntityManager, refs: readonly IndicatorValueRef[]): Promise<Map<string, IndicatorValue>> {
    const result = new Map<string, IndicatorValue>();
    if (refs.length === 0) return result;
    const rows = await queryRows(
      manager,
      valueRow,
      `SELECT v.payload FROM computation.indicator_value v
       JOIN unnest($1::text[], $2::text[], $3::text[]) AS k(indicator, unit, period)
         ON v.indicator = k.indicator AND v.unit = k.unit AND v.period = k.period`,
      [refs.map((r) => r.indicator), refs.map((r) => r.unit), refs.map((r) => r.period)],
    );
    for (const { payload } of rows) result.set(refKey(payload), payload);
    return result;
  }

  /** Where every stored value of `indicator` is: the values a change of its targets can change. */
  async refsOf(manager: EntityManager, indicator: string): Promise<IndicatorValueRef[]> {
    const rows = await queryRows(
      manager,
      refRow,
      `SELECT unit, period, payload->>'hierarchyVersion' AS version FROM computation.indicator_value WHERE indicator = $1 ORDER BY unit, period`,
      [indicator],
    );
    return rows.map((r) => ({ indicator, unit: r.unit, period: r.period, ...(r.version !== null ? { hierarchyVersion: r.version } : {}) }));
  }

  async save(manager: EntityManager, values: readonly IndicatorValue[], computedAt: Date): Promise<void> {
    // A statement per VALUES_PER_STATEMENT values: a whole batch's values as one parameter held their JSON
    // text and pg's copy of it at once (issue 14's memory goal, ADR 0023).
    for (let from = 0; from < values.length; from += VALUES_PER_STATEMENT) {
      // One JSON array, not an array per column: pg escapes every element of a text[] in JavaScript, and a
      // payload as jsonb[] would be stringified twice; the server splits it (ADR 0020).
      await manager.query(
        `INSERT INTO computation.indicator_value (indicator, unit, period, value, status, payload, computed_at)
         SELECT v->>'indicator', v->>'unit', v->>'period', (v->>'value')::float8, v->>'status', v, $2
         FROM jsonb_array_elements($1::jsonb) AS v
         ON CONFLICT (indicator, unit, period) DO UPDATE SET
           value = EXCLUDED.value, status = EXCLUDED.status, payload = EXCLUDED.payload, computed_at = EXCLUDED.computed_at`,
        [JSON.stringify(values.slice(from, from + VALUES_PER_STATEMENT)), computedAt],
      );
    }
  }
}
