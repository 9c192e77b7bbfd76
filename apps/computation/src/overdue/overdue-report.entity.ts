import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A report that was announced overdue, once per (measure, unit, period); cleared when it arrives. */
@Entity({ name: 'overdue_report' })
export class OverdueReportEntity {
  @PrimaryColumn({ type: 'text' })
  measure!: string;

  @PrimaryColumn({ type: 'text' })
  unit!: string;

  @PrimaryColumn({ type: 'text' })
  period!: string;

  @Column({ name: 'due_date', type: 'date' })
  dueDate!: string;

  @Column({ name: 'raised_at', type: 'timestamptz' })
  raisedAt!: Date;

  @Column({ name: 'cleared_at', type: 'timestamptz', nullable: true })
  clearedAt!: Date | null;
}
