import 'reflect-metadata';

import { runService } from '@dx/platform';

import { NOTIFICATION_SERVICE } from './notification.service';

void runService(NOTIFICATION_SERVICE);
