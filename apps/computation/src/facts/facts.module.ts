import { Module } from '@nestjs/common';

import { FactStore } from './fact-store.port';
import { FactsRepository } from './facts.repository';

// Other features get the port, never the SQL behind it.
@Module({ providers: [FactsRepository, { provide: FactStore, useExisting: FactsRepository }], exports: [FactStore] })
export class FactsModule {}
