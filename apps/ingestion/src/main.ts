import 'reflect-metadata';

import { createServiceApp, runService } from '@dx/platform';

import { AppModule } from './app.module';
import { INGESTION_OPTIONS } from './ingestion.options';

void runService(() => createServiceApp(AppModule, INGESTION_OPTIONS));
