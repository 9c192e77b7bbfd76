import { Injectable } from '@nestjs/common';

import { AgenciesRepository } from './agencies.repository';
import { Agency } from './agency.type';

/** What other features may ask about an agency. */
@Injectable()
export class AgencyLookupService {
  constructor(private readonly agencies: AgenciesRepository) {}

  /** The agency and whether it holds a live (unrevoked) key; revoking its last key stops its Kafka intake too. */
  findByCode(code: string): Promise<{ agency: Agency; hasLiveKey: boolean } | undefined> {
    return this.agencies.findByCode(code);
  }
}
