import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Instance-wide values every API instance on the database must agree on (e.g. the JWT secret). */
@Entity('settings')
export class Setting {
  @PrimaryColumn({ type: 'varchar', length: 100 }) key!: string;
  @Column({ type: 'text' }) value!: string;
}
