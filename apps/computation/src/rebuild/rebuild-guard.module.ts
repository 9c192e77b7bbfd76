import { Module } from '@nestjs/common';

import { RunningInstanceLock } from './running-instance-lock.service';

/** What a running instance does so that no rebuild runs under it (and it never starts under one). */
@Module({ providers: [RunningInstanceLock] })
export class RebuildGuardModule {}
