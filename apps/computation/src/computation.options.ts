import { ServiceOptions } from '@dx/platform';

import { computationConfigSchema, ComputationConfig } from './config/computation.config';
import { CreateFacts1764230400000 } from './migrations/1764230400000-create-facts';
import { CreateIndicatorValuesAndOverdueReports1764403200000 } from './migrations/1764403200000-create-indicator-values-and-overdue-reports';
import { CreateOutboxParking1764921600000 } from './migrations/1764921600000-create-outbox-parking';
import { AddFactHierarchyVersion1765152000000 } from './migrations/1765152000000-add-fact-hierarchy-version';

// How the platform runs the computation service; the service itself is AppModule.
export const COMPUTATION_OPTIONS: ServiceOptions<ComputationConfig> = {
  name: 'computation',
  title: { vi: 'Dịch vụ tính toán chỉ tiêu', en: 'Indicator computation service' },
  configSchema: computationConfigSchema,
  port: (config) => config.COMPUTATION_PORT,
  database: {
    // Data access is SQL over the tables the migrations define; no entity mirrors them.
    entities: [],
    migrations: [
      CreateFacts1764230400000,
      CreateIndicatorValuesAndOverdueReports1764403200000,
      CreateOutboxParking1764921600000,
      AddFactHierarchyVersion1765152000000,
    ],
  },
  // An observation message is ~0.5 KB: 16 MB a partition fetches up to ~30,000, so a slice is usually a whole
  // batch (ADR 0020). A fetch is held whole (its buffer, every message of it) until its last batch is applied:
  // 16 MB in all, not 64, keeps a burst within the memory goal (ADR 0023).
  consumer: (config) => ({
    maxEventsPerCall: config.COMPUTATION_MAX_EVENTS_PER_SLICE,
    maxBytesPerPartition: 16 * 1024 * 1024,
    maxBytes: 16 * 1024 * 1024,
    partitionsConsumedConcurrently: config.COMPUTATION_PARTITIONS_IN_PARALLEL,
  }),
};
