import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import type { AuthUser } from '../common/auth/auth-user.js';
import type { Page, PageQuery } from '../common/http/paging.js';
import { newId, now } from '../database/columns.js';
import { UnitOfWork } from '../database/unit-of-work.js';
import { User } from '../users/user.entity.js';
import { CaseAccess } from './case-access.service.js';
import { EvidenceNoteResponse, type AddEvidenceNoteDto } from './dto/evidence-note.dto.js';
import { EvidenceNote } from './evidence-note.entity.js';
import { assertChangeable } from './investigation-rules.js';

/** Append-only notes on the evidence: there is no edit or delete; a correction is a new note. */
@Injectable()
export class EvidenceNotesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
    private readonly audit: AuditService,
    private readonly access: CaseAccess,
  ) {}

  add(investigationId: string, dto: AddEvidenceNoteDto, actor: AuthUser): Promise<EvidenceNoteResponse> {
    return this.uow.run(async (em) => {
      assertChangeable(await this.access.writable(em, investigationId, actor));
      const note = em.create(EvidenceNote, {
        id: newId(), investigationId, notedOn: dto.notedOn, authorId: actor.id, text: dto.text, createdAt: now(),
      });
      await em.insert(EvidenceNote, note);
      await this.audit.record(em, {
        actor, action: 'investigation.evidence_note_added', entityType: 'investigation', entityId: investigationId,
        detail: { noteId: note.id, notedOn: note.notedOn, text: note.text },
      });
      return EvidenceNoteResponse.from(note, actor.username);
    });
  }

  /** Oldest first, as a case file reads. */
  async list(investigationId: string, page: PageQuery, actor: AuthUser): Promise<Page<EvidenceNoteResponse>> {
    await this.access.readable(this.dataSource.manager, investigationId, actor);
    const [notes, total] = await this.dataSource.getRepository(EvidenceNote).findAndCount({
      where: { investigationId }, order: { notedOn: 'ASC', createdAt: 'ASC', id: 'ASC' }, skip: page.offset, take: page.limit,
    });
    const authorIds = [...new Set(notes.map((n) => n.authorId).filter((id): id is string => id !== null))];
    const authors = authorIds.length
      ? await this.dataSource.createQueryBuilder(User, 'u').select(['u.id', 'u.username']).where('u.id IN (:...ids)', { ids: authorIds }).getMany()
      : [];
    const username = new Map(authors.map((u) => [u.id, u.username]));
    return {
      items: notes.map((n) => EvidenceNoteResponse.from(n, n.authorId ? username.get(n.authorId) ?? null : null)),
      total, limit: page.limit, offset: page.offset,
    };
  }
}
