import 'reflect-metadata';

import { runServiceMigrations } from '@dx/platform';

import { NOTIFICATION_OPTIONS } from './notification.options';

// `nx run notification:migrate`: the service's migrations only, before instances start (they also migrate on start).
void runServiceMigrations(NOTIFICATION_OPTIONS);
