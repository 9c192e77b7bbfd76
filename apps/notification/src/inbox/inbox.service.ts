import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

import { Outcome, refuse } from '../errors/refusal.util';
import { Principal } from '../subscriptions/credentials.service';
import { InboxItem, InboxRepository } from './inbox.repository';

/** The in-app inbox: the inbox channel stores into it, a subscription reads its own. */
@Injectable()
export class InboxService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly inbox: InboxRepository,
  ) {}

  async store(item: Omit<InboxItem, 'id'>): Promise<void> {
    await this.inbox.insert(this.dataSource.manager, item);
  }

  /** The caller's own inbox; the admin has none, nor has a subscription without the inbox channel. */
  async read(principal: Principal, limit: number, before?: string): Promise<Outcome<{ items: InboxItem[] }>> {
    if (principal.kind !== 'subscription' || !principal.subscription.inbox) {
      return refuse('inbox_not_enabled', { vi: 'Chỉ đăng ký có kênh inbox mới có hộp thư', en: 'only a subscription with the inbox channel has an inbox' });
    }
    return { ok: true, items: await this.inbox.list(this.dataSource.manager, principal.subscription.id, limit, before) };
  }
}
