import { Inject, Injectable } from '@nestjs/common';

import { CurrentReferenceData, MessageContext } from '@dx/domain';
import { APP_CONFIG } from '@dx/platform';

import { NotificationConfig } from '../config/notification.config';

/**
 * The catalogue and hierarchy versions alerts are read in: the platform defaults with every change read
 * from dx.reference.v1 applied in order (ReferenceFollowerService), so subscription scopes and escalation
 * follow the versions administrators load. Also what messages link to.
 */
@Injectable()
export class ReferenceDataService extends CurrentReferenceData {
  private readonly alertLink: (alertId: string) => string;

  constructor(@Inject(APP_CONFIG) config: Pick<NotificationConfig, 'DX_DASHBOARD_URL'>) {
    super();
    const dashboard = config.DX_DASHBOARD_URL.replace(/\/+$/, '');
    // The dashboard's alert list, opened on this alert.
    this.alertLink = (alertId) => `${dashboard}/?alert=${encodeURIComponent(alertId)}#alerts`;
  }

  /** Read at each use: a message is written with the reference data as it is then. */
  get messages(): MessageContext {
    return { hierarchies: this.hierarchies, catalogue: this.catalogue, alertLink: this.alertLink };
  }
}
