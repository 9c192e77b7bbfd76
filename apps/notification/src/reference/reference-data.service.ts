import { Inject, Injectable } from '@nestjs/common';

import { Catalogue, DEFAULT_CATALOGUE, HierarchyRegistry, MessageContext } from '@dx/domain';
import { APP_CONFIG } from '@dx/platform';

import { NotificationConfig } from '../config/notification.config';

/**
 * The catalogue and hierarchy versions alerts are read in (the platform defaults: no topic carries
 * catalogue or hierarchy changes to this service yet), and what messages link to.
 */
@Injectable()
export class ReferenceDataService {
  readonly catalogue: Catalogue = DEFAULT_CATALOGUE;
  readonly hierarchies: HierarchyRegistry = HierarchyRegistry.withDefaults();
  readonly messages: MessageContext;

  constructor(@Inject(APP_CONFIG) config: Pick<NotificationConfig, 'DX_DASHBOARD_URL'>) {
    const dashboard = config.DX_DASHBOARD_URL.replace(/\/+$/, '');
    this.messages = {
      hierarchies: this.hierarchies,
      catalogue: this.catalogue,
      // The dashboard's alert list, opened on this alert.
      alertLink: (alertId) => `${dashboard}/?alert=${encodeURIComponent(alertId)}#alerts`,
    };
  }
}
