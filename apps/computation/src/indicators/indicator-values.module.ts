import { Module } from '@nestjs/common';

import { IndicatorValueStore } from './indicator-value-store.port';
import { IndicatorValuesRepository } from './indicator-values.repository';

// The stored values without the consumers that compute them: what the rebuild imports. The repository is
// exported for IndicatorsModule's use cases; other features get the port.
@Module({
  providers: [IndicatorValuesRepository, { provide: IndicatorValueStore, useExisting: IndicatorValuesRepository }],
  exports: [IndicatorValuesRepository, IndicatorValueStore],
})
export class IndicatorValuesModule {}
