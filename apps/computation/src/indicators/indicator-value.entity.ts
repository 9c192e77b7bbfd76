import { Column, Entity, PrimaryColumn } from 'typeorm';

import type { IndicatorValue } from '@dx/domain';

/** The current value of one indicator for one unit and period: what was last published for that key. */
@Entity({ name: 'indicator_value' })
export class IndicatorValueEntity {
  @PrimaryColumn({ type: 'text' })
  indicator!: string;

  @PrimaryColumn({ type: 'text' })
  unit!: string;

  @PrimaryColumn({ type: 'text' })
  period!: string;

  @Column({ type: 'double precision', nullable: true })
  value!: number | null;

  // WARNING: stored status values are the domain's Status names; never rename.
  @Column({ type: 'text' })
  status!: string;

  // The whole IndicatorValue as computed: compared with the next computation, the source of slips.
  @Column({ type: 'jsonb' })
  payload!: IndicatorValue;

  @Column({ name: 'computed_at', type: 'timestamptz' })
  computedAt!: Date;
}
