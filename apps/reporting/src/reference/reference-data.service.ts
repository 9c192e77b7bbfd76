import { Injectable } from '@nestjs/common';

import { AdministrativeUnit, CurrentReferenceData, formatPeriod, UnitHierarchy } from '@dx/domain';

import { hierarchyVersionOf } from './hierarchy-version.util';

/**
 * The catalogue and the hierarchy versions reporting reads values with: the platform defaults with every
 * change read from dx.reference.v1 applied in order (ReferenceFollowerService). Both shipped versions are
 * in force from their effective dates (product.md).
 */
@Injectable()
export class ReferenceDataService extends CurrentReferenceData {
  versionOf(event: { readonly period: string; readonly hierarchyVersion?: string }): string {
    return hierarchyVersionOf(this.hierarchies, event);
  }

  /** The version in force at `date` (the month containing it). */
  versionAt(date: Date): UnitHierarchy {
    const vietnam = new Date(date.getTime() + 7 * 3_600_000);
    return this.hierarchies.inForce(formatPeriod({ frequency: 'month', year: vietnam.getUTCFullYear(), month: vietnam.getUTCMonth() + 1 }));
  }

  /** The unit `code` of `version`, if both exist. */
  unit(version: string, code: string): AdministrativeUnit | undefined {
    return this.hierarchies.version(version)?.get(code);
  }
}
