import { Injectable } from '@nestjs/common';

import { AlertsResponse } from '@dx/contracts';

import { AlertsRepository } from './alerts.repository';

export type AlertStateFilter = 'firing' | 'acknowledged' | 'resolved' | 'open';

/** The current alerts as the read model has them, newest first. */
@Injectable()
export class ListAlertsService {
  constructor(private readonly alerts: AlertsRepository) {}

  async execute(query: { state?: AlertStateFilter; unit?: string; indicator?: string; limit: number }): Promise<AlertsResponse> {
    // `open` is what still needs someone: firing or acknowledged but not resolved.
    const states = query.state === undefined ? null : query.state === 'open' ? ['firing', 'acknowledged'] : [query.state];
    return { alerts: await this.alerts.list({ states, unit: query.unit, indicator: query.indicator, limit: query.limit }) };
  }
}
