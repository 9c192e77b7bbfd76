import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { z } from 'zod';

import { AlertView, alertViewSchema } from '@dx/contracts';
import { queryRows } from '@dx/platform';

const alertRow = z.object({ payload: alertViewSchema });

export interface AlertFilter {
  states: readonly string[] | null;
  unit?: string;
  indicator?: string;
  limit: number;
}

@Injectable()
export class AlertsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Stores each alert as its latest lifecycle event has it (an older event never overwrites a newer). */
  async upsert(manager: EntityManager, alerts: ReadonlyArray<{ view: AlertView; eventTime: string }>): Promise<AlertView[]> {
    if (alerts.length === 0) return [];
    const rows = await queryRows(
      manager,
      alertRow,
      `INSERT INTO reporting.alert AS a (id, state, unit, indicator, measure, hierarchy_version, fired_at, event_time, payload)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::timestamptz[], $8::timestamptz[], $9::jsonb[])
       ON CONFLICT (id) DO UPDATE SET
         state = EXCLUDED.state, unit = EXCLUDED.unit, indicator = EXCLUDED.indicator, measure = EXCLUDED.measure,
         hierarchy_version = EXCLUDED.hierarchy_version, fired_at = EXCLUDED.fired_at, event_time = EXCLUDED.event_time, payload = EXCLUDED.payload
       WHERE a.event_time <= EXCLUDED.event_time
       RETURNING a.payload`,
      [
        alerts.map((a) => a.view.id),
        alerts.map((a) => a.view.state),
        alerts.map((a) => a.view.unit),
        alerts.map((a) => ('indicator' in a.view ? a.view.indicator : null)),
        alerts.map((a) => ('measure' in a.view ? a.view.measure : null)),
        alerts.map((a) => a.view.hierarchyVersion),
        alerts.map((a) => a.view.firedAt),
        alerts.map((a) => a.eventTime),
        alerts.map((a) => JSON.stringify(a.view)),
      ],
    );
    return rows.map((r) => r.payload);
  }

  async list(filter: AlertFilter): Promise<AlertView[]> {
    const rows = await queryRows(
      this.dataSource,
      alertRow,
      `SELECT payload FROM reporting.alert
       WHERE ($1::text[] IS NULL OR state = ANY($1::text[])) AND ($2::text IS NULL OR unit = $2) AND ($3::text IS NULL OR indicator = $3)
       ORDER BY fired_at DESC, id LIMIT $4`,
      [filter.states, filter.unit ?? null, filter.indicator ?? null, filter.limit],
    );
    return rows.map((r) => r.payload);
  }
}
