import { EARLIEST_YEAR } from '../periods/period.util';
import { DefinitionProblem, definitionProblem, Validated } from '../shared/definition-problem.type';
import { InvalidDefinitionError } from '../shared/invalid-definition.exception';
import { HierarchyRegistry } from '../units/hierarchy-registry';
import { Catalogue, loadCatalogue, targetProblems } from './catalogue';
import { IndicatorDefinition, Target } from './catalogue.type';

/** What an administrator replaces for one indicator (`PUT /v1/catalog/targets/{indicator}`). */
export interface TargetChange {
  readonly targets: readonly Target[];
  readonly baseline?: IndicatorDefinition['baseline'];
  readonly tolerance?: number;
  readonly regressionThreshold?: number;
}

/**
 * The catalogue with `indicatorCode`'s targets (and baseline, tolerance, regression threshold when given)
 * replaced, or every reason the change is refused: the catalogue's own rules for targets, a level that no
 * loaded hierarchy version has (a district target once only the two-level version were loaded), and a unit
 * target whose version is not loaded, whose unit that version does not have, or whose unit is at a level
 * the indicator is not computed for. Nothing changes when it is refused.
 */
export function validateTargetChange(catalogue: Catalogue, hierarchies: HierarchyRegistry, indicatorCode: string, change: TargetChange): Validated<Catalogue> {
  const indicator = catalogue.indicator(indicatorCode);
  if (!indicator) {
    return refused([definitionProblem('unknown_indicator', `indicator ${indicatorCode}`, { vi: 'không có chỉ tiêu này', en: 'no such indicator' })]);
  }
  const entry = `indicator ${indicatorCode}`;
  if (!Array.isArray(change?.targets)) {
    return refused([definitionProblem('invalid_target', entry, { vi: 'targets phải là danh sách mục tiêu', en: 'targets must be a list of targets' })]);
  }
  const definition = catalogue.toDefinition();
  const current = definition.indicators.find((i) => i.code === indicatorCode) as IndicatorDefinition;
  const updated: IndicatorDefinition = {
    ...current,
    ...(change.baseline !== undefined ? { baseline: change.baseline } : {}),
    ...(change.tolerance !== undefined ? { tolerance: change.tolerance } : {}),
    ...(change.regressionThreshold !== undefined ? { regressionThreshold: change.regressionThreshold } : {}),
  };
  const problems: DefinitionProblem[] = [...settingsProblems(updated, entry), ...targetProblems(updated, change.targets)];
  for (const t of change.targets) problems.push(...hierarchyProblemsOf(t, updated, hierarchies));
  if (problems.length > 0) return refused(problems);
  try {
    return {
      ok: true,
      value: loadCatalogue({
        ...definition,
        indicators: definition.indicators.map((i) => (i.code === indicatorCode ? updated : i)),
        targets: [...definition.targets.filter((t) => t.indicator !== indicatorCode), ...change.targets.map((t) => ({ ...t, indicator: indicatorCode }))],
      }),
    };
  } catch (error) {
    if (!(error instanceof InvalidDefinitionError)) throw error;
    return refused([definitionProblem(error.code, error.entry, { vi: error.message, en: error.message })]);
  }
}

function settingsProblems(def: IndicatorDefinition, entry: string): DefinitionProblem[] {
  const problems: DefinitionProblem[] = [];
  if (!(Number.isFinite(def.tolerance) && def.tolerance >= 0)) {
    problems.push(definitionProblem('invalid_threshold', entry, { vi: 'ngưỡng chấp nhận phải là số ≥ 0', en: 'tolerance must be a number >= 0' }));
  }
  if (!(Number.isFinite(def.regressionThreshold) && def.regressionThreshold >= 0)) {
    problems.push(definitionProblem('invalid_threshold', entry, { vi: 'ngưỡng suy giảm phải là số ≥ 0', en: 'regression threshold must be a number >= 0' }));
  }
  const { year, value } = def.baseline ?? {};
  if (!Number.isInteger(year) || (year as number) < EARLIEST_YEAR || (value !== undefined && !Number.isFinite(value))) {
    problems.push(
      definitionProblem('invalid_baseline', entry, {
        vi: `năm gốc là số nguyên từ ${EARLIEST_YEAR}; giá trị gốc, nếu có, là số hữu hạn`,
        en: `the baseline year is a whole number from ${EARLIEST_YEAR}; its value, if given, a finite number`,
      }),
    );
  }
  return problems;
}

// Targets follow the levels of the versions that exist: a target for a level no loaded version has would
// apply to nothing, which an administrator would not notice until a year-end review.
function hierarchyProblemsOf(t: Target, def: IndicatorDefinition, hierarchies: HierarchyRegistry): DefinitionProblem[] {
  const entry = `target ${def.code} ${t.kind} ${t.year}${t.unit ? ` unit ${t.unit}` : t.level ? ` level ${t.level}` : ''}`;
  const level = t.level;
  if (level !== undefined && !hierarchies.versions().some((v) => v.unitsAtLevel(level).length > 0)) {
    return [
      definitionProblem('level_not_in_hierarchy', entry, {
        vi: `không phiên bản danh mục hành chính nào đã nạp có đơn vị cấp ${t.level}`,
        en: `no loaded hierarchy version has level-${t.level} units`,
      }),
    ];
  }
  if (t.unit === undefined || typeof t.hierarchyVersion !== 'string') return [];
  const version = hierarchies.version(t.hierarchyVersion);
  if (!version) {
    return [
      definitionProblem('unknown_version', entry, {
        vi: `chưa nạp phiên bản ${t.hierarchyVersion}`,
        en: `hierarchy version ${t.hierarchyVersion} is not loaded`,
      }),
    ];
  }
  const unit = version.get(t.unit);
  if (!unit) {
    return [
      definitionProblem('unknown_unit', entry, { vi: `phiên bản ${version.id} không có đơn vị ${t.unit}`, en: `version ${version.id} has no unit ${t.unit}` }),
    ];
  }
  if (!def.levels.includes(unit.level)) {
    return [
      definitionProblem('invalid_target', entry, {
        vi: `${def.code} không tính cho đơn vị cấp ${unit.level}`,
        en: `${def.code} is not computed for level-${unit.level} units`,
      }),
    ];
  }
  return [];
}

function refused(problems: readonly DefinitionProblem[]): Validated<Catalogue> {
  return { ok: false, problems };
}
