import 'reflect-metadata';

import { createServiceApp, runService } from '@dx/platform';

import { AppModule } from './app.module';
import { REPORTING_OPTIONS } from './reporting.options';

void runService(() => createServiceApp(AppModule, REPORTING_OPTIONS));
