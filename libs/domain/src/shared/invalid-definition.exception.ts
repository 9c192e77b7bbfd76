/**
 * A catalogue or hierarchy definition that cannot be loaded. `code` is stable (snake_case) and `entry`
 * names the offending measure, indicator, target or unit, so an admin API can answer 400 with both.
 */
export class InvalidDefinitionError extends Error {
  constructor(
    readonly code: string,
    readonly entry: string,
    message: string,
  ) {
    super(`${entry}: ${message}`);
    this.name = 'InvalidDefinitionError';
  }
}
