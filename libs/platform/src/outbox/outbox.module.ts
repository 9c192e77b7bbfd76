import { Module } from '@nestjs/common';

import { OutboxRelay } from './outbox.relay';
import { OutboxWriter } from './outbox.writer';

/** Imported by a service that publishes state changes: the writer for its use cases, the relay in the background. */
@Module({ providers: [OutboxWriter, OutboxRelay], exports: [OutboxWriter, OutboxRelay] })
export class OutboxModule {}
