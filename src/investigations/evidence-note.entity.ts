import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Append-only notes on the evidence ("thousands of messages reviewed"); corrections are new notes. */
@Entity('evidence_notes')
export class EvidenceNote {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  @Column({ name: 'investigation_id', type: 'varchar', length: 36 }) investigationId!: string;
  @Column({ name: 'noted_on', type: 'date' }) notedOn!: string;
  @Column({ name: 'author_id', type: 'varchar', length: 36, nullable: true }) authorId!: string | null;
  @Column({ type: 'text' }) text!: string;
  @Column({ name: 'created_at', type: 'varchar', length: 30 }) createdAt!: string;
}
