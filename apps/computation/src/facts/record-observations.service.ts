import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

import { ObservationRecordedV1 } from '@dx/contracts';
import { dimensionsKey, observationKey } from '@dx/domain';

export interface RecordedObservation {
  eventId: string;
  data: ObservationRecordedV1;
}

/**
 * Applies recorded observations to this service's facts: each event once (by its id), and for each
 * (measure, unit, period, dimensions) the highest revision wins, whatever order events arrive in.
 */
@Injectable()
export class RecordObservationsService {
  constructor(private readonly dataSource: DataSource) {}

  /** Returns how many events were new (not seen before). */
  async execute(observations: ReadonlyArray<RecordedObservation>): Promise<number> {
    if (observations.length === 0) return 0;
    return this.dataSource.transaction(async (manager) => {
      const ids = [...new Set(observations.map((o) => o.eventId))];
      const inserted: Array<{ event_id: string }> = await manager.query(
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
      if (rows.length > 0) {
        await manager.query(
          `INSERT INTO computation.observation_fact
             (measure, unit, period, dimensions_key, dimensions, value, revision, observation_id, recorded_at)
           SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::jsonb[], $6::float8[], $7::int[], $8::text[], $9::timestamptz[])
           ON CONFLICT (measure, unit, period, dimensions_key) DO UPDATE SET
             dimensions = EXCLUDED.dimensions, value = EXCLUDED.value, revision = EXCLUDED.revision,
             observation_id = EXCLUDED.observation_id, recorded_at = EXCLUDED.recorded_at
           WHERE computation.observation_fact.revision < EXCLUDED.revision`,
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
          ],
        );
      }
      return inserted.length;
    });
  }
}
