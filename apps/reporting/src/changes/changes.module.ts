import { Module } from '@nestjs/common';

import { ReferenceModule } from '../reference/reference.module';
import { ChangeLogService } from './change-log.service';
import { ChangeNotifierService } from './change-notifier.service';
import { ChangesController } from './changes.controller';
import { ChangesRepository } from './changes.repository';
import { ListChangesService } from './list-changes.service';
import { ReadModelCacheService } from './read-model-cache.service';
import { StreamChangesService } from './stream-changes.service';

const controllers = [ChangesController];
const useCases = [ListChangesService, StreamChangesService];
const services = [ChangeLogService, ChangeNotifierService, ReadModelCacheService];
const repositories = [ChangesRepository];

// Other features record their changes through ChangeLogService, inside their own transactions, and keep
// answers of the read model in ReadModelCacheService, which the changes invalidate.
@Module({
  imports: [ReferenceModule],
  controllers,
  providers: [...useCases, ...services, ...repositories],
  exports: [ChangeLogService, ReadModelCacheService],
})
export class ChangesModule {}
