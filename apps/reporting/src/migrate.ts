import 'reflect-metadata';

import { runServiceMigrations } from '@dx/platform';

import { REPORTING_OPTIONS } from './reporting.options';

// `nx run reporting:migrate`: the service's migrations only, before instances start (they also migrate on start).
void runServiceMigrations(REPORTING_OPTIONS);
