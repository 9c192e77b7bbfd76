import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { z } from 'zod';

import { Alert, AlertKey, alertKeyText, AlertState, nextDueAt } from '@dx/domain';

import { alertFromDocument, alertToDocument } from './alert-document.schema';

/** Filters of `GET /v1/alerts`. */
export interface AlertFilter {
  readonly state?: AlertState;
  readonly unit?: string;
  /** An indicator code (status slips, regressions) or a measure code (overdue reports). */
  readonly subject?: string;
}

const documentRow = z.object({ document: z.unknown() });
const keyRow = z.object({ alert_key: z.string() });

/** Alerts, one row each, the domain value in `document`; every method runs in the caller's transaction. */
@Injectable()
export class AlertsRepository {
  /**
   * Serialises everything that decides about one key (events, acknowledgements, timers) across
   * instances until the transaction ends.
   */
  async lockKey(manager: EntityManager, key: string): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`alert:${key}`]);
  }

  /** As `lockKey`, but false at once when another transaction holds the key. */
  async tryLockKey(manager: EntityManager, key: string): Promise<boolean> {
    const [row] = await manager.query(`SELECT pg_try_advisory_xact_lock(hashtextextended($1, 0)) AS locked`, [`alert:${key}`]);
    return z.object({ locked: z.boolean() }).parse(row).locked;
  }

  /** Every alert of a key, oldest first. */
  async loadKey(manager: EntityManager, key: string): Promise<Alert[]> {
    const rows: unknown[] = await manager.query(`SELECT document FROM notification.alert WHERE alert_key = $1 ORDER BY ordinal`, [key]);
    return rows.map((r) => alertFromDocument(documentRow.parse(r).document));
  }

  async find(manager: EntityManager, id: string): Promise<Alert | undefined> {
    const rows: unknown[] = await manager.query(`SELECT document FROM notification.alert WHERE id = $1`, [id]);
    return rows.length > 0 ? alertFromDocument(documentRow.parse(rows[0]).document) : undefined;
  }

  /** Inserts or replaces the alert; its row's columns (state, timer…) follow the document. */
  async save(manager: EntityManager, alert: Alert, at: Date): Promise<void> {
    await manager.query(
      `INSERT INTO notification.alert (id, alert_key, ordinal, kind, subject, frequency, unit, hierarchy_version, state, severity, period, fired_at, resolved_at, next_due_at, document, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)
       ON CONFLICT (id) DO UPDATE SET state = EXCLUDED.state, severity = EXCLUDED.severity, period = EXCLUDED.period, resolved_at = EXCLUDED.resolved_at,
         next_due_at = EXCLUDED.next_due_at, document = EXCLUDED.document, updated_at = EXCLUDED.updated_at`,
      [
        alert.id,
        alertKeyText(alert),
        alert.ordinal,
        alert.kind,
        alert.subject,
        alert.frequency,
        alert.unit,
        alert.hierarchyVersion,
        alert.state,
        alert.severity,
        alert.period,
        alert.firedAt,
        alert.resolvedAt ?? null,
        nextDueAt(alert) ?? null,
        alertToDocument(alert),
        at,
      ],
    );
  }

  /** Keys with a timer due at `now`, the most overdue first. */
  async dueKeys(manager: EntityManager, now: Date, limit: number): Promise<string[]> {
    const rows: unknown[] = await manager.query(`SELECT alert_key FROM notification.alert WHERE next_due_at <= $1 ORDER BY next_due_at LIMIT $2`, [now, limit]);
    return [...new Set(rows.map((r) => keyRow.parse(r).alert_key))];
  }

  /** Moves a timer the lifecycle did not act on, so that it is not looked at again and again. */
  async postponeTimer(manager: EntityManager, key: string, now: Date, until: Date): Promise<void> {
    await manager.query(`UPDATE notification.alert SET next_due_at = $3 WHERE alert_key = $1 AND next_due_at <= $2`, [key, now, until]);
  }

  /** The open overdue alert of a key (the city's inhibitor), if any. */
  async openAlertOf(manager: EntityManager, key: AlertKey): Promise<Alert | undefined> {
    const rows: unknown[] = await manager.query(
      `SELECT document FROM notification.alert WHERE alert_key = $1 AND state <> 'resolved' ORDER BY ordinal DESC LIMIT 1`,
      [alertKeyText(key)],
    );
    return rows.length > 0 ? alertFromDocument(documentRow.parse(rows[0]).document) : undefined;
  }

  /** Keys of the open overdue alerts of a measure, version and frequency below `rootUnit`. */
  async openOverdueKeysBelow(manager: EntityManager, measure: string, hierarchyVersion: string, frequency: string, rootUnit: string): Promise<string[]> {
    const rows: unknown[] = await manager.query(
      `SELECT DISTINCT alert_key FROM notification.alert
       WHERE kind = 'overdue' AND state <> 'resolved' AND subject = $1 AND hierarchy_version = $2 AND frequency = $3 AND unit <> $4
       ORDER BY alert_key`,
      [measure, hierarchyVersion, frequency, rootUnit],
    );
    return rows.map((r) => keyRow.parse(r).alert_key);
  }

  /** Alerts matching `filter`, the most recently fired first. */
  async list(manager: EntityManager, filter: AlertFilter, limit: number, offset: number): Promise<Alert[]> {
    const rows: unknown[] = await manager.query(
      `SELECT document FROM notification.alert
       WHERE ($1::text IS NULL OR state = $1) AND ($2::text IS NULL OR unit = $2) AND ($3::text IS NULL OR subject = $3)
       ORDER BY fired_at DESC, id LIMIT $4 OFFSET $5`,
      [filter.state ?? null, filter.unit ?? null, filter.subject ?? null, limit, offset],
    );
    return rows.map((r) => alertFromDocument(documentRow.parse(r).document));
  }

  /** Open alerts and those resolved since `resolvedSince` (the weekly digest's material). */
  async openOrResolvedSince(manager: EntityManager, resolvedSince: Date): Promise<Alert[]> {
    const rows: unknown[] = await manager.query(
      `SELECT document FROM notification.alert WHERE state <> 'resolved' OR resolved_at >= $1 ORDER BY fired_at, id`,
      [resolvedSince],
    );
    return rows.map((r) => alertFromDocument(documentRow.parse(r).document));
  }
}
