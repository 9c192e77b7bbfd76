import 'reflect-metadata';

import { runService } from '@dx/platform';

import { INGESTION_SERVICE } from './ingestion.service';

void runService(INGESTION_SERVICE);
