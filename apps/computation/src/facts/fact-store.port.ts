import { EntityManager } from 'typeorm';

import { ObservationRecordedV1 } from '@dx/contracts';
import { FactSet, HierarchyRegistry } from '@dx/domain';

export interface RecordedObservation {
  eventId: string;
  data: ObservationRecordedV1;
}

/** Coordinates of a fact whose current value changed; `hierarchyVersion` is the version its unit is read in. */
export interface FactCoordinates {
  measure: string;
  unit: string;
  period: string;
  hierarchyVersion?: string;
}

/** Which facts a recomputation reads: these measures of these units in these years. */
export interface FactScope {
  measures: readonly string[];
  units: readonly string[];
  years: readonly number[];
}

/**
 * What other features may do with the facts, this service's copy of the observations (FactsModule binds it
 * to FactsRepository): each event applied once, the highest revision winning. Every method runs inside the
 * caller's transaction.
 */
export abstract class FactStore {
  /** Applies `observations`, each in the version in force for its period; returns the facts whose current value changed. */
  abstract record(manager: EntityManager, observations: ReadonlyArray<RecordedObservation>, hierarchies: HierarchyRegistry): Promise<FactCoordinates[]>;

  /** The current facts within `scope`, indexed for the domain's computation. */
  abstract load(manager: EntityManager, scope: FactScope): Promise<FactSet>;

  /** The year of the earliest fact, if any. */
  abstract firstYear(manager: EntityManager): Promise<number | undefined>;

  /** Every current fact (rebuild). */
  abstract loadAll(manager: EntityManager): Promise<{ facts: FactSet; coordinates: FactCoordinates[] }>;
}
