import 'reflect-metadata';

import { createServiceApp, runService } from '@dx/platform';

import { AppModule } from './app.module';
import { NOTIFICATION_OPTIONS } from './notification.options';

void runService(() => createServiceApp(AppModule, NOTIFICATION_OPTIONS));
