import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A user on an investigation's team; with the lead, the only investigators who may see the case. */
@Entity('investigation_team_members')
export class TeamMember {
  @PrimaryColumn({ name: 'investigation_id', type: 'varchar', length: 36 }) investigationId!: string;
  @PrimaryColumn({ name: 'user_id', type: 'varchar', length: 36 }) userId!: string;
  @Column({ name: 'added_at', type: 'varchar', length: 30 }) addedAt!: string;
  @Column({ name: 'added_by', type: 'varchar', length: 36, nullable: true }) addedBy!: string | null;
}
