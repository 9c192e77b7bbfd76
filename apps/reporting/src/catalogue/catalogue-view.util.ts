import { AboutResponse, IndicatorView, UnitView } from '@dx/contracts';
import { AdministrativeUnit, Indicator, PILLARS, UnitHierarchy } from '@dx/domain';

export function toIndicatorView(indicator: Indicator): IndicatorView {
  return {
    code: indicator.code,
    pillar: indicator.pillar,
    pillarName: PILLARS[indicator.pillar],
    name: indicator.name,
    valueUnit: indicator.valueUnit,
    higherIsBetter: indicator.higherIsBetter,
    frequency: indicator.frequency,
    levels: [...indicator.levels],
    targets: indicator.targets.map((t) => ({ ...t })),
  };
}

export function toUnitView(unit: AdministrativeUnit): UnitView {
  return { code: unit.code, name: unit.name, ...(unit.type ? { type: unit.type } : {}), level: unit.level, parentCode: unit.parentCode };
}

export function toVersionsView(versions: readonly UnitHierarchy[]): AboutResponse['hierarchyVersions'] {
  return versions.map((v) => ({ version: v.id, effectiveFrom: v.effectiveFrom }));
}
