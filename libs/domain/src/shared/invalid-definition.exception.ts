import { DefinitionProblem } from './definition-problem.type';

/**
 * A catalogue or hierarchy definition that cannot be loaded. `code` is stable (snake_case) and `entry`
 * names the offending measure, indicator, target or unit, so an admin API can answer with both. When the
 * definition was validated as a whole, `problems` lists every reason (the first one gives `code` and `entry`).
 */
export class InvalidDefinitionError extends Error {
  constructor(
    readonly code: string,
    readonly entry: string,
    message: string,
    readonly problems: readonly DefinitionProblem[] = [],
  ) {
    super(`${entry}: ${message}`);
    this.name = 'InvalidDefinitionError';
  }

  /** The error for a definition refused with `problems` (at least one). */
  static of(problems: readonly DefinitionProblem[]): InvalidDefinitionError {
    const [first] = problems;
    return new InvalidDefinitionError(first.code, first.entry, first.text.en, problems);
  }
}
