import { Injectable } from '@nestjs/common';

import { ObservationHistory, ObservationsRepository } from './observations.repository';

/** The agency's current values with their revisions: its own only, never another agency's. */
@Injectable()
export class ListObservationsService {
  constructor(private readonly observations: ObservationsRepository) {}

  execute(agency: string, filter: { measure?: string; unit?: string; period?: string }, limit: number): Promise<ObservationHistory[]> {
    return this.observations.history(agency, filter, limit);
  }
}
