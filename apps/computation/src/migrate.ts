import 'reflect-metadata';

import { runServiceMigrations } from '@dx/platform';

import { COMPUTATION_SERVICE } from './computation.service';

// `nx run computation:migrate`: the service's migrations only, before instances start (they also migrate on start).
void runServiceMigrations(COMPUTATION_SERVICE);
