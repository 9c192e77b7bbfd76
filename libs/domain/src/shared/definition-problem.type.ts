import { LocalizedText } from './localized-text.type';

/**
 * One reason a change of reference data (a hierarchy version, an indicator's targets) is refused. `code`
 * is stable snake_case, `entry` names what is wrong ("unit 31117", "target GOV-04 milestone 2030 level 2"),
 * `text` says why in Vietnamese and English and `message` is the same as one string "vi / en", so an admin
 * API can answer 422 with every reason at once.
 */
export interface DefinitionProblem {
  readonly code: string;
  readonly entry: string;
  readonly text: LocalizedText;
  readonly message: string;
}

/** The outcome of validating a change: the accepted result, or every reason it is refused (nothing changed). */
export type Validated<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problems: readonly DefinitionProblem[] };

/** A problem with its `message` assembled from `text`. */
export function definitionProblem(code: string, entry: string, text: LocalizedText): DefinitionProblem {
  return { code, entry, text, message: `${entry}: ${text.vi} / ${text.en}` };
}
