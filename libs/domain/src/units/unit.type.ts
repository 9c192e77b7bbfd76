import { UnitLevel } from '../catalogue/catalogue.type';

/** A part of an earlier unit that went into a unit of a later hierarchy version. */
export interface FormedFromPart {
  readonly code: string;
  readonly name?: string;
  readonly provinceCode?: string;
  readonly whole?: boolean;
}

/** An administrative unit of one hierarchy version (GSO code and official Vietnamese name). */
export interface AdministrativeUnit {
  readonly code: string;
  readonly name: string;
  readonly type?: string;
  readonly level: UnitLevel;
  readonly parentCode: string | null;
  readonly formedFrom?: readonly FormedFromPart[];
}

/** A hierarchy version as loaded from JSON (the shape of the files in `data/`, plus id and effective date). */
export interface HierarchyDefinition {
  readonly id: string;
  /** ISO date from which the version is in force (for periods whose last day is on or after it). */
  readonly effectiveFrom: string;
  readonly units: readonly AdministrativeUnit[];
  readonly source?: string;
  readonly asOf?: string;
}

/** A unit of one version mapped to another version; `whole` when the unit went there entirely. */
export interface MappedUnit {
  readonly code: string;
  readonly whole: boolean;
}
