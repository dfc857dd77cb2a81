import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Sequences for human references (CMP-2026-000123), one row per prefix and year. */
@Entity('counters')
export class Counter {
  @PrimaryColumn({ type: 'varchar', length: 40 }) name!: string;
  @Column({ type: 'integer' }) value!: number;
}
