import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The current value of one (measure, unit, period, dimensions): the input of indicator computation. */
@Entity({ name: 'observation_fact' })
export class ObservationFactEntity {
  @PrimaryColumn({ type: 'text' })
  measure!: string;

  @PrimaryColumn({ type: 'text' })
  unit!: string;

  @PrimaryColumn({ type: 'text' })
  period!: string;

  // Canonical `key=value;…` of the dimensions, '' for the total: part of the key, unlike the jsonb.
  @PrimaryColumn({ name: 'dimensions_key', type: 'text' })
  dimensionsKey!: string;

  @Column({ type: 'jsonb', nullable: true })
  dimensions!: Record<string, string> | null;

  @Column({ type: 'double precision' })
  value!: number;

  @Column({ type: 'integer' })
  revision!: number;

  @Column({ name: 'observation_id', type: 'text' })
  observationId!: string;

  @Column({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt!: Date;
}
