import { Injectable } from '@nestjs/common';

import { ChangesResponse, ChangeType } from '@dx/contracts';

import { ChangesRepository } from './changes.repository';

export interface ChangesQuery {
  after: bigint;
  limit: number;
  types: readonly ChangeType[];
}

/** A page of the change feed and the cursor to continue from. */
@Injectable()
export class ListChangesService {
  constructor(private readonly changes: ChangesRepository) {}

  async execute(query: ChangesQuery): Promise<{ page: ChangesResponse; full: boolean }> {
    const items = await this.changes.after(query.after, query.types, query.limit);
    const next = items.length > 0 ? items[items.length - 1].cursor : query.after.toString();
    return { page: { items, next }, full: items.length === query.limit };
  }

  latest(): Promise<bigint> {
    return this.changes.latest();
  }
}
