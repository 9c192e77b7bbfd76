import 'reflect-metadata';

import { runServiceMigrations } from '@dx/platform';

import { INGESTION_OPTIONS } from './ingestion.options';

// `nx run ingestion:migrate`: the service's migrations only, before instances start (they also migrate on start).
void runServiceMigrations(INGESTION_OPTIONS);
