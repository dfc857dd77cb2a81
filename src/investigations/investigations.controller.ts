import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import {
  ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags, ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { AuthUser } from '../common/auth/auth-user.js';
import { CurrentUser } from '../common/auth/current-user.decorator.js';
import { Roles } from '../common/auth/roles.decorator.js';
import { ApiPageResponse, PageQuery } from '../common/http/paging.js';
import { UuidParam } from '../common/http/params.js';
import { ArchiveDto } from '../common/records/archive.dto.js';
import { ApiVersionedWrite, IfMatch } from '../common/records/versioning.js';
import { Role } from '../common/auth/role.js';
import { AddEvidenceNoteDto, EvidenceNoteResponse } from './dto/evidence-note.dto.js';
import { InvestigationDetailResponse, InvestigationResponse } from './dto/investigation.response.js';
import { ListInvestigationsQuery } from './dto/list-investigations.query.js';
import { OpenInvestigationDto, UpdateInvestigationDto } from './dto/open-investigation.dto.js';
import { AddTeamMemberDto } from './dto/team.dto.js';
import { TransitionDto } from './dto/transition.dto.js';
import { EvidenceNotesService } from './evidence-notes.service.js';
import { InvestigationsService } from './investigations.service.js';
import { LifecycleService } from './lifecycle.service.js';
import { TeamService } from './team.service.js';

const NOT_VISIBLE = { description: 'no such investigation, or not one of the caller\'s cases (existence is never revealed)' };
@ApiTags('investigations')
@Controller('investigations')
@Roles(Role.Investigator, Role.Reviewer, Role.Analyst)
export class InvestigationsController {
  constructor(
    private readonly investigations: InvestigationsService,
    private readonly lifecycle: LifecycleService,
    private readonly teams: TeamService,
    private readonly notes: EvidenceNotesService,
  ) {}

  @Post()
  @Roles(Role.Investigator)
  @ApiOperation({ summary: 'Open an investigation; the caller leads it unless leadInvestigatorId is given' })
  @ApiCreatedResponse({ type: InvestigationDetailResponse })
  @ApiUnprocessableEntityResponse({ description: 'a rule was broken (mode for the date, conduct period, lead investigator)' })
  open(@Body() dto: OpenInvestigationDto, @CurrentUser() actor: AuthUser): Promise<InvestigationDetailResponse> {
    return this.investigations.open(dto, actor);
  }

  @Get()
  @ApiOperation({ summary: 'Investigations the caller may see (investigators: their own cases)' })
  @ApiPageResponse(InvestigationResponse)
  list(@Query() query: ListInvestigationsQuery, @CurrentUser() actor: AuthUser) {
    return this.investigations.list(query, actor);
  }

  @Get(':id')
  @ApiOkResponse({ type: InvestigationDetailResponse })
  @ApiNotFoundResponse(NOT_VISIBLE)
  get(@UuidParam('id') id: string, @CurrentUser() actor: AuthUser): Promise<InvestigationDetailResponse> {
    return this.investigations.get(id, actor);
  }

  @Patch(':id')
  @Roles(Role.Investigator, Role.Reviewer)
  @ApiOkResponse({ type: InvestigationDetailResponse })
  @ApiNotFoundResponse(NOT_VISIBLE)
  @ApiConflictResponse({ description: 'closed or archived' })
  @ApiUnprocessableEntityResponse({ description: 'a rule was broken' })
  @ApiVersionedWrite()
  update(@UuidParam('id') id: string, @Body() dto: UpdateInvestigationDto, @IfMatch() version: number, @CurrentUser() actor: AuthUser) {
    return this.investigations.update(id, dto, version, actor);
  }

  @Post(':id/archive')
  @HttpCode(200)
  @Roles(Role.Investigator, Role.Reviewer)
  @ApiOkResponse({ type: InvestigationDetailResponse })
  @ApiNotFoundResponse(NOT_VISIBLE)
  @ApiConflictResponse({ description: 'already archived' })
  @ApiVersionedWrite()
  archive(@UuidParam('id') id: string, @Body() dto: ArchiveDto, @IfMatch() version: number, @CurrentUser() actor: AuthUser) {
    return this.investigations.archive(id, dto, version, actor);
  }

  @Post(':id/transitions')
  @HttpCode(200)
  @Roles(Role.Investigator, Role.Reviewer)
  @ApiOperation({ summary: 'Move the case through its lifecycle (see TRANSITIONS in investigation-lifecycle.ts)' })
  @ApiOkResponse({ type: InvestigationDetailResponse })
  @ApiNotFoundResponse(NOT_VISIBLE)
  @ApiConflictResponse({ description: 'the transition does not exist from the current state (the message names both)' })
  @ApiVersionedWrite()
  transition(@UuidParam('id') id: string, @Body() dto: TransitionDto, @IfMatch() version: number, @CurrentUser() actor: AuthUser) {
    return this.lifecycle.transition(id, dto, version, actor);
  }

  @Post(':id/team')
  @Roles(Role.Investigator, Role.Reviewer)
  @ApiOperation({ summary: 'Add a user to the team (lead investigator or reviewer)' })
  @ApiCreatedResponse({ type: InvestigationDetailResponse })
  @ApiNotFoundResponse(NOT_VISIBLE)
  @ApiConflictResponse({ description: 'already on the team' })
  addTeamMember(@UuidParam('id') id: string, @Body() dto: AddTeamMemberDto, @CurrentUser() actor: AuthUser) {
    return this.teams.add(id, dto.userId, actor);
  }

  @Delete(':id/team/:userId')
  @Roles(Role.Investigator, Role.Reviewer)
  @ApiOperation({ summary: 'Take a user off the team (lead investigator or reviewer)' })
  @ApiOkResponse({ type: InvestigationDetailResponse })
  @ApiNotFoundResponse(NOT_VISIBLE)
  removeTeamMember(@UuidParam('id') id: string, @UuidParam('userId') userId: string, @CurrentUser() actor: AuthUser) {
    return this.teams.remove(id, userId, actor);
  }

  @Post(':id/evidence-notes')
  @Roles(Role.Investigator)
  @ApiOperation({ summary: 'Append an evidence note (notes are never edited; correct with a new note)' })
  @ApiCreatedResponse({ type: EvidenceNoteResponse })
  @ApiNotFoundResponse(NOT_VISIBLE)
  addEvidenceNote(@UuidParam('id') id: string, @Body() dto: AddEvidenceNoteDto, @CurrentUser() actor: AuthUser) {
    return this.notes.add(id, dto, actor);
  }

  @Get(':id/evidence-notes')
  @ApiPageResponse(EvidenceNoteResponse, 'oldest first')
  @ApiNotFoundResponse(NOT_VISIBLE)
  listEvidenceNotes(@UuidParam('id') id: string, @Query() page: PageQuery, @CurrentUser() actor: AuthUser) {
    return this.notes.list(id, page, actor);
  }
}
