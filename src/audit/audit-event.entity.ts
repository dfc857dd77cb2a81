import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Append-only: the database refuses UPDATE and DELETE on this table. */
@Entity('audit_events')
export class AuditEvent {
  @PrimaryColumn({ type: 'integer' }) seq!: number;
  @Column({ type: 'varchar', length: 30 }) at!: string;
  @Column({ name: 'actor_id', type: 'varchar', length: 36, nullable: true }) actorId!: string | null;
  @Column({ name: 'actor_username', type: 'varchar', length: 64, nullable: true }) actorUsername!: string | null;
  @Column({ name: 'actor_roles', type: 'simple-json', nullable: true }) actorRoles!: string[] | null;
  @Column({ type: 'varchar', length: 60 }) action!: string;
  @Column({ name: 'entity_type', type: 'varchar', length: 40, nullable: true }) entityType!: string | null;
  @Column({ name: 'entity_id', type: 'varchar', length: 64, nullable: true }) entityId!: string | null;
  @Column({ type: 'simple-json', nullable: true }) changes!: Record<string, { before: unknown; after: unknown }> | null;
  @Column({ type: 'simple-json', nullable: true }) detail!: Record<string, unknown> | null;
  @Column({ name: 'request_id', type: 'varchar', length: 64, nullable: true }) requestId!: string | null;
  @Column({ name: 'client_ip', type: 'varchar', length: 64, nullable: true }) clientIp!: string | null;
  @Column({ name: 'prev_hash', type: 'varchar', length: 64 }) prevHash!: string;
  @Column({ type: 'varchar', length: 64 }) hash!: string;
}
