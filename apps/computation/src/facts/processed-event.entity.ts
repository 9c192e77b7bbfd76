import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Ids of events already applied: a re-delivered event changes nothing (exactly once in effect). */
@Entity({ name: 'processed_event' })
export class ProcessedEventEntity {
  @PrimaryColumn({ name: 'event_id', type: 'text' })
  eventId!: string;

  @Column({ name: 'processed_at', type: 'timestamptz', default: () => 'now()' })
  processedAt!: Date;
}
