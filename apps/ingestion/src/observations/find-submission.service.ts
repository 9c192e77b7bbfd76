import { Injectable } from '@nestjs/common';

import { ObservationsRepository } from './observations.repository';
import { SubmissionAnswer } from './submission.type';

/** The answer the agency was given for one of its own submissions; undefined for another agency's. */
@Injectable()
export class FindSubmissionService {
  constructor(private readonly observations: ObservationsRepository) {}

  async execute(agency: string, submissionId: string): Promise<SubmissionAnswer | undefined> {
    return (await this.observations.findSubmission(agency, { id: submissionId }))?.answer;
  }
}
