import { CreateProcessedEvents1764230400000 } from './1764230400000-create-processed-events';
import { CreateReadModels1764662400000 } from './1764662400000-create-read-models';

export const REPORTING_MIGRATIONS = [CreateProcessedEvents1764230400000, CreateReadModels1764662400000];
