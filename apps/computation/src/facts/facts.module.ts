import { Module } from '@nestjs/common';

import { FactsRepository } from './facts.repository';

const repositories = [FactsRepository];

@Module({ providers: [...repositories], exports: [...repositories] })
export class FactsModule {}
