import { EntityManager } from 'typeorm';

import { IndicatorValue } from '@dx/domain';

/**
 * What other features may do with the stored indicator values (IndicatorValuesModule binds it to
 * IndicatorValuesRepository): the rebuild saves the values it computed. Runs inside the caller's transaction.
 */
export abstract class IndicatorValueStore {
  /** Stores `values` as the current ones, replacing any stored for the same indicator, unit and period. */
  abstract save(manager: EntityManager, values: readonly IndicatorValue[], computedAt: Date): Promise<void>;
}
