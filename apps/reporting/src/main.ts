import 'reflect-metadata';

import { runService } from '@dx/platform';

import { REPORTING_SERVICE } from './reporting.service';

void runService(REPORTING_SERVICE);
