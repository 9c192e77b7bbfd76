import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

import { Alert, alertKeyText, decideAlert } from '@dx/domain';

import { Outcome, refuse } from '../../errors/refusal.util';
import { ClockService } from '../../reference/clock.service';
import { ReferenceDataService } from '../../reference/reference-data.service';
import { Principal } from '../../subscriptions/credentials.service';
import { mayAccess } from '../alert-access.util';
import { AlertDecisionsService } from '../alert-decisions.service';
import { AlertsRepository } from '../alerts.repository';

/**
 * `POST /v1/alerts/{id}/acknowledge`: stops reminders and escalation until the alert resolves (or
 * worsens). Acknowledging an acknowledged alert changes nothing and answers the alert as it is.
 */
@Injectable()
export class AcknowledgeAlertService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly alerts: AlertsRepository,
    private readonly decisions: AlertDecisionsService,
    private readonly reference: ReferenceDataService,
    private readonly clock: ClockService,
  ) {}

  async execute(principal: Principal, alertId: string, by: string, note: string | undefined): Promise<Outcome<{ alert: Alert }>> {
    const at = this.clock.now();
    return this.dataSource.transaction(async (manager) => {
      const found = await this.alerts.find(manager, alertId);
      if (!found) return refuse('alert_not_found', { vi: `Không có cảnh báo ${alertId}`, en: `No alert ${alertId}` });
      if (!mayAccess(principal, found, this.reference)) {
        return refuse('out_of_scope', { vi: 'Cảnh báo nằm ngoài phạm vi của đăng ký này', en: "the alert is outside this subscription's scope" });
      }
      const key = alertKeyText(found);
      await this.alerts.lockKey(manager, key);
      const decision = decideAlert(
        await this.alerts.loadKey(manager, key),
        { type: 'acknowledge', alertId, by, ...(note !== undefined ? { note } : {}), at },
        this.reference,
      );
      if (decision.rejection) return refuse(decision.rejection.code, decision.rejection.message);
      await this.decisions.record(manager, decision, at);
      const alert = decision.alerts.find((a) => a.id === alertId);
      return alert ? { ok: true, alert } : refuse('alert_not_found', { vi: `Không có cảnh báo ${alertId}`, en: `No alert ${alertId}` });
    });
  }
}
