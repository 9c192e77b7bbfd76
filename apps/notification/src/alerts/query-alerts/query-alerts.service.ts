import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

import { Alert } from '@dx/domain';

import { DeliveriesService } from '../../deliveries/deliveries.service';
import { Outcome, refuse } from '../../errors/refusal.util';
import { ReferenceDataService } from '../../reference/reference-data.service';
import { Principal } from '../../subscriptions/credentials.service';
import { SubscriptionsDirectory } from '../../subscriptions/subscriptions-directory.service';
import { mayAccess } from '../alert-access.util';
import { AlertFilter, AlertsRepository } from '../alerts.repository';
import { NotificationOrdersRepository } from '../notification-orders.repository';
import { alertHistory, alertView } from './alert-view.util';

// A subscription's listing is filtered by its scope in code (scopes are read per hierarchy version):
// at most this many candidates are looked at per request.
const SCOPED_CANDIDATES = 5_000;

/** `GET /v1/alerts` and `GET /v1/alerts/{id}`: the admin sees every alert, a subscription those in its scope. */
@Injectable()
export class QueryAlertsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly alerts: AlertsRepository,
    private readonly orders: NotificationOrdersRepository,
    private readonly deliveries: DeliveriesService,
    private readonly subscriptions: SubscriptionsDirectory,
    private readonly reference: ReferenceDataService,
  ) {}

  async list(principal: Principal, filter: AlertFilter, limit: number, offset: number) {
    const manager = this.dataSource.manager;
    let page: Alert[];
    if (principal.kind === 'admin') {
      page = await this.alerts.list(manager, filter, limit + 1, offset);
    } else {
      const visible = (await this.alerts.list(manager, filter, SCOPED_CANDIDATES, 0)).filter((a) => mayAccess(principal, a, this.reference));
      page = visible.slice(offset, offset + limit + 1);
    }
    return {
      items: page.slice(0, limit).map((a) => alertView(a, this.reference.messages)),
      ...(page.length > limit ? { next: offset + limit } : {}),
    };
  }

  async detail(principal: Principal, id: string): Promise<Outcome<{ view: ReturnType<typeof alertView> & { history: ReturnType<typeof alertHistory> } }>> {
    const manager = this.dataSource.manager;
    const alert = await this.alerts.find(manager, id);
    if (!alert) return refuse('alert_not_found', { vi: `Không có cảnh báo ${id}`, en: `No alert ${id}` });
    if (!mayAccess(principal, alert, this.reference)) {
      return refuse('out_of_scope', { vi: 'Cảnh báo nằm ngoài phạm vi của đăng ký này', en: "the alert is outside this subscription's scope" });
    }
    const orders = await this.orders.ofAlert(manager, id);
    const deliveries = await this.deliveries.ofAlerts([id]);
    // A subscription sees whom else the alert went to by channel only, not by name.
    const names =
      principal.kind === 'admin' ? await this.subscriptions.names([...new Set(deliveries.map((d) => d.subscriptionId))]) : new Map<string, string>();
    return {
      ok: true,
      view: { ...alertView(alert, this.reference.messages), history: alertHistory(alert, orders, deliveries, names, this.reference.messages) },
    };
  }
}
