import { Module } from '@nestjs/common';
import { ThrottlerModule } from '@nestjs/throttler';

import { APP_CONFIG } from '@dx/platform';

import { IngestionConfig } from '../config/ingestion.config';
import { ApiKeysRepository } from './api-keys.repository';
import { AdminGuard, AgencyGuard } from './auth.guards';
import { CredentialsService } from './credentials.service';
import { PrincipalThrottlerGuard, principalThrottlers } from './principal-throttler.guard';

const throttlers = ThrottlerModule.forRootAsync({ inject: [APP_CONFIG], useFactory: (config: IngestionConfig) => principalThrottlers(config) });
const guards = [AdminGuard, AgencyGuard, PrincipalThrottlerGuard];

// Guards are built in the module of the controller that uses them: importers get what they need to build
// them (the credentials, one per application, and the throttlers' options).
@Module({
  imports: [throttlers],
  providers: [CredentialsService, ApiKeysRepository, ...guards],
  exports: [throttlers, CredentialsService, ...guards],
})
export class AuthModule {}
