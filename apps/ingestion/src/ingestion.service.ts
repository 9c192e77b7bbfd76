import express from 'express';

import { ServiceDefinition } from '@dx/platform';

import { AgenciesModule } from './agencies/agencies.module';
import { AuthModule } from './auth/auth.module';
import { ingestionConfigSchema, IngestionConfig } from './config/ingestion.config';
import { CreateProcessedEvents1764230400000 } from './migrations/1764230400000-create-processed-events';
import { CreateAgenciesAndObservations1764316800000 } from './migrations/1764316800000-create-agencies-and-observations';
import { IndexRevisionsByAgency1764500000000 } from './migrations/1764500000000-index-revisions-by-agency';
import { AddSubmissionRequestHash1764500100000 } from './migrations/1764500100000-add-submission-request-hash';
import { CreateOutboxParking1764921600000 } from './migrations/1764921600000-create-outbox-parking';
import { CreateReferenceData1765000000000 } from './migrations/1765000000000-create-reference-data';
import { ObservationsModule } from './observations/observations.module';
import { ReferenceDataModule } from './reference-data/reference-data.module';

export const INGESTION_SERVICE: ServiceDefinition<IngestionConfig> = {
  name: 'ingestion',
  title: { vi: 'Dịch vụ tiếp nhận số liệu', en: 'Ingestion service' },
  configSchema: ingestionConfigSchema,
  port: (config) => config.INGESTION_PORT,
  database: {
    entities: [],
    migrations: [
      CreateProcessedEvents1764230400000,
      CreateAgenciesAndObservations1764316800000,
      IndexRevisionsByAgency1764500000000,
      AddSubmissionRequestHash1764500100000,
      CreateOutboxParking1764921600000,
      CreateReferenceData1765000000000,
    ],
  },
  imports: () => [AuthModule, ReferenceDataModule, AgenciesModule, ObservationsModule],
  jsonBodyLimit: (config) => config.INGESTION_MAX_BODY_BYTES,
  configure: (app, context) => {
    app.use('/v1/observations.csv', express.text({ type: ['text/csv', 'application/csv'], limit: context.config.INGESTION_MAX_BODY_BYTES }));
  },
};
