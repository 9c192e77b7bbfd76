import { DomainError } from '@dx/contracts';

import { Outcome, Refusal } from '../errors/refusal.util';

/** A refusal as the domain error it is over HTTP (the platform's error filter answers it). */
export function toDomainError(refusal: Refusal): DomainError {
  return new DomainError(refusal.code, refusal.message, refusal.details);
}

/** The value of a successful outcome; a refusal is thrown as its domain error. */
export function orThrow<T extends object>(outcome: Outcome<T>): T {
  if (!outcome.ok) throw toDomainError(outcome);
  return outcome;
}
