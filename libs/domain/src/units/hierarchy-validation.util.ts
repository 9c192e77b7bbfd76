import { DefinitionProblem, definitionProblem } from '../shared/definition-problem.type';
import { AdministrativeUnit, FormedFromPart, HierarchyDefinition } from './unit.type';

// Version ids appear in URLs (`PUT /v1/hierarchies/{version}`), topic keys (`hierarchy:<version>`) and every
// value's `hierarchyVersion`: the same 40 characters as the contracts' hierarchyVersionSchema.
const VERSION_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/;
const ISO_DATE = /^(\d{4})-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
// GSO codes: province 2 digits, district 3, commune 5 (the contract's unit code).
const UNIT_CODE = /^\d{2,5}$/;
const PROVINCE_CODE = /^\d{2}$/;
const LEVELS: readonly number[] = [1, 2, 3];

/**
 * Every structural problem of a hierarchy version on its own: id, effective date, unique codes, names,
 * levels, parents that exist, no cycles, children below their parents, exactly one root at level 1, and
 * well-formed `formedFrom` parts. Lineage against the version before it is {@link lineageProblems}.
 */
export function hierarchyProblems(definition: HierarchyDefinition): DefinitionProblem[] {
  const problems: DefinitionProblem[] = [];
  const id = (definition as { id?: unknown })?.id;
  const entry = `hierarchy ${typeof id === 'string' ? id : '?'}`;
  if (typeof id !== 'string' || !VERSION_ID.test(id)) {
    problems.push(
      definitionProblem('invalid_version', entry, {
        vi: 'mã phiên bản gồm chữ, số, ".", "_" hoặc "-" (tối đa 40 ký tự)',
        en: 'a version id is letters, digits, ".", "_" or "-" (at most 40 characters)',
      }),
    );
  }
  if (!isIsoDate(definition?.effectiveFrom)) {
    problems.push(
      definitionProblem('invalid_version', entry, {
        vi: 'effectiveFrom phải là một ngày có thật dạng YYYY-MM-DD, từ năm 2000',
        en: 'effectiveFrom must be a real date YYYY-MM-DD, from 2000 on',
      }),
    );
  }
  const units: readonly AdministrativeUnit[] = Array.isArray(definition?.units) ? definition.units : [];
  if (units.length === 0) {
    problems.push(definitionProblem('invalid_version', entry, { vi: 'phiên bản cần có đơn vị hành chính', en: 'a version needs units' }));
    return problems;
  }
  const byCode = new Map<string, AdministrativeUnit>();
  for (const unit of units) {
    const unitEntry = `unit ${typeof unit?.code === 'string' ? unit.code : '?'}`;
    if (typeof unit?.code !== 'string' || !UNIT_CODE.test(unit.code)) {
      problems.push(
        definitionProblem('invalid_unit', unitEntry, { vi: 'mã đơn vị là mã GSO 2 đến 5 chữ số', en: 'a unit code is a GSO code of 2 to 5 digits' }),
      );
      continue;
    }
    if (byCode.has(unit.code)) {
      problems.push(definitionProblem('duplicate_code', unitEntry, { vi: 'mã bị khai báo hai lần', en: 'defined twice' }));
      continue;
    }
    if (!LEVELS.includes(unit.level)) {
      problems.push(definitionProblem('invalid_level', unitEntry, { vi: 'cấp phải là 1, 2 hoặc 3', en: 'level must be 1, 2 or 3' }));
      continue;
    }
    if (typeof unit.name !== 'string' || unit.name.trim().length === 0) {
      problems.push(definitionProblem('invalid_unit', unitEntry, { vi: 'đơn vị cần có tên', en: 'a unit needs a name' }));
    }
    if (unit.parentCode !== null && unit.parentCode !== undefined && typeof unit.parentCode !== 'string') {
      problems.push(definitionProblem('unknown_parent', unitEntry, { vi: 'mã đơn vị cấp trên phải là chuỗi', en: 'parentCode must be a code' }));
      continue;
    }
    problems.push(...formedFromProblems(unit, unitEntry));
    byCode.set(unit.code, { ...unit, parentCode: unit.parentCode ?? null });
  }
  const linked = new Set<string>();
  for (const unit of byCode.values()) {
    const unitEntry = `unit ${unit.code}`;
    if (unit.parentCode === null) {
      if (unit.level !== 1) {
        problems.push(
          definitionProblem('level_mismatch', unitEntry, {
            vi: `đơn vị cấp ${unit.level} cần có đơn vị cấp trên`,
            en: `a level-${unit.level} unit needs a parent`,
          }),
        );
      }
      continue;
    }
    if (!byCode.has(unit.parentCode)) {
      problems.push(
        definitionProblem('unknown_parent', unitEntry, {
          vi: `đơn vị cấp trên ${unit.parentCode} không có trong phiên bản`,
          en: `parent ${unit.parentCode} does not exist in the version`,
        }),
      );
      continue;
    }
    linked.add(unit.code);
  }
  for (const unit of byCode.values()) {
    if (!linked.has(unit.code)) continue;
    const seen = new Set<string>([unit.code]);
    for (let p: string | null = unit.parentCode; p !== null && linked.has(p); p = (byCode.get(p) as AdministrativeUnit).parentCode) {
      if (seen.has(p)) {
        problems.push(definitionProblem('cycle', `unit ${unit.code}`, { vi: `là cấp trên của chính nó qua ${p}`, en: `is its own ancestor through ${p}` }));
        break;
      }
      seen.add(p);
    }
  }
  for (const unit of byCode.values()) {
    const parent = unit.parentCode === null ? undefined : byCode.get(unit.parentCode);
    // Levels may be skipped (communes sit directly under the city since July 2025) but never go up.
    if (parent && parent.level >= unit.level) {
      problems.push(
        definitionProblem('level_mismatch', `unit ${unit.code}`, {
          vi: `đơn vị cấp ${unit.level} không thể trực thuộc đơn vị cấp ${parent.level} ${parent.code}`,
          en: `level ${unit.level} cannot sit under level-${parent.level} unit ${parent.code}`,
        }),
      );
    }
  }
  const roots = [...byCode.values()].filter((u) => u.parentCode === null && u.level === 1);
  if (roots.length !== 1) {
    problems.push(
      definitionProblem('invalid_version', entry, {
        vi: `cần đúng một đơn vị gốc cấp 1, có ${roots.length}`,
        en: `expected one root unit at level 1, found ${roots.length}`,
      }),
    );
  }
  return problems;
}

/**
 * Problems of `definition`'s `formedFrom` against `previous`, the version in force just before it: every
 * part must name a unit of `previous` (of the part's province when it gives one), unless the part's province
 * is not in `previous` at all: then it lies outside every loaded version (Hậu Giang and Sóc Trăng merging
 * into Can Tho) and is accepted, to contribute nothing and lower the coverage of series that read it.
 * Without a previous version nothing can be checked.
 */
export function lineageProblems(
  definition: HierarchyDefinition,
  previous: { readonly id: string; has(code: string): boolean; isDescendantOf(code: string, ancestorCode: string): boolean } | undefined,
): DefinitionProblem[] {
  if (!previous) return [];
  const problems: DefinitionProblem[] = [];
  for (const unit of definition.units) {
    for (const part of unit.formedFrom ?? []) {
      if (typeof part?.code !== 'string' || partBelongsTo(previous, part)) continue;
      const province = provinceOf(part);
      if (province !== undefined && !previous.has(province)) continue;
      problems.push(
        definitionProblem('unknown_predecessor', `unit ${unit.code}`, {
          vi: `formedFrom nêu ${part.code}${part.provinceCode ? ` (tỉnh ${part.provinceCode})` : ''}, không có trong phiên bản ${previous.id} có hiệu lực trước đó`,
          en: `formedFrom names ${part.code}${part.provinceCode ? ` (province ${part.provinceCode})` : ''}, which version ${previous.id}, in force before it, does not have`,
        }),
      );
    }
  }
  return problems;
}

/** True when `part` names a unit of `older`: the code exists there, and lies in the part's province if given. */
export function partBelongsTo(
  older: { has(code: string): boolean; isDescendantOf(code: string, ancestorCode: string): boolean },
  part: FormedFromPart,
): boolean {
  if (!older.has(part.code)) return false;
  // Parts from other provinces (Hậu Giang, Sóc Trăng) must not match an unrelated unit reusing the code.
  if (part.provinceCode === undefined) return true;
  return part.code === part.provinceCode || older.isDescendantOf(part.code, part.provinceCode);
}

/** The province a part lies in: its `provinceCode`, or itself when it is a province (a 2-digit GSO code). */
export function provinceOf(part: FormedFromPart): string | undefined {
  return part.provinceCode ?? (PROVINCE_CODE.test(part.code) ? part.code : undefined);
}

function formedFromProblems(unit: AdministrativeUnit, entry: string): DefinitionProblem[] {
  if (unit.formedFrom === undefined) return [];
  const bad = (en: string, vi: string) => [definitionProblem('invalid_formed_from', entry, { vi, en })];
  if (!Array.isArray(unit.formedFrom)) return bad('formedFrom must be a list of parts', 'formedFrom phải là danh sách');
  for (const part of unit.formedFrom) {
    if (typeof part?.code !== 'string' || !UNIT_CODE.test(part.code)) return bad('each formedFrom part needs a GSO code', 'mỗi phần của formedFrom cần mã GSO');
    if (part.whole !== undefined && typeof part.whole !== 'boolean') return bad('whole must be true or false', 'whole phải là true hoặc false');
    if (part.provinceCode !== undefined && (typeof part.provinceCode !== 'string' || !PROVINCE_CODE.test(part.provinceCode))) {
      return bad('provinceCode must be a 2-digit GSO code', 'provinceCode phải là mã tỉnh GSO 2 chữ số');
    }
  }
  return [];
}

function isIsoDate(text: unknown): text is string {
  if (typeof text !== 'string') return false;
  const match = ISO_DATE.exec(text);
  if (!match || Number(match[1]) < 2000) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return date.toISOString().slice(0, 10) === text;
}
