import { Module } from '@nestjs/common';

import { ReferenceModule } from '../reference/reference.module';
import { AdminGuard } from './admin.guard';
import { CredentialsService } from './credentials.service';
import { SubscriberGuard } from './subscriber.guard';
import { SubscriptionsController } from './subscriptions.controller';
import { SubscriptionsDirectory } from './subscriptions-directory.service';
import { SubscriptionsRepository } from './subscriptions.repository';
import { SubscriptionsService } from './subscriptions.service';

const controllers = [SubscriptionsController];
const useCases = [SubscriptionsService];
const services = [CredentialsService, SubscriptionsDirectory];
const guards = [AdminGuard, SubscriberGuard];
const repositories = [SubscriptionsRepository];

/** Subscriptions and who a caller is; other features use the directory and the guards. */
@Module({
  imports: [ReferenceModule],
  controllers,
  providers: [...useCases, ...services, ...guards, ...repositories],
  exports: [...services, ...guards],
})
export class SubscriptionsModule {}
