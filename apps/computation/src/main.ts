import 'reflect-metadata';

import { runService } from '@dx/platform';

import { COMPUTATION_SERVICE } from './computation.service';

void runService(COMPUTATION_SERVICE);
