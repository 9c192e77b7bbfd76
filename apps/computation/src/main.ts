import 'reflect-metadata';

import { createServiceApp, runService } from '@dx/platform';

import { AppModule } from './app.module';
import { COMPUTATION_OPTIONS } from './computation.options';

void runService(() => createServiceApp(AppModule, COMPUTATION_OPTIONS));
