import { Body, Controller, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import {
  ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse,
  ApiTags, ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { AuthUser } from '../common/auth/auth-user.js';
import { CurrentUser } from '../common/auth/current-user.decorator.js';
import { UuidParam } from '../common/http/params.js';
import { Roles } from '../common/auth/roles.decorator.js';
import { ApiPageResponse, type Page } from '../common/http/paging.js';
import { ArchivablePageQuery } from '../common/http/query-flags.js';
import { ArchiveDto } from '../common/records/archive.dto.js';
import { ApiVersionedWrite, IfMatch } from '../common/records/versioning.js';
import { CASE_ROLES, Role } from '../common/auth/role.js';
import { AddSubjectDto, SubjectResponse, UpdateSubjectDto } from './dto/subject.dto.js';
import { SubjectsService } from './subjects.service.js';

@ApiTags('subjects')
@Controller()
export class SubjectsController {
  constructor(private readonly subjects: SubjectsService) {}

  @Post('investigations/:investigationId/subjects')
  @Roles(Role.Investigator)
  @ApiCreatedResponse({ type: SubjectResponse })
  @ApiNotFoundResponse({ description: 'no such investigation visible to you, or no such officer' })
  @ApiConflictResponse({ description: 'the officer is already a subject of this investigation' })
  add(@UuidParam('investigationId') investigationId: string, @Body() dto: AddSubjectDto,
      @CurrentUser() actor: AuthUser): Promise<SubjectResponse> {
    return this.subjects.add(investigationId, dto, actor);
  }

  @Get('investigations/:investigationId/subjects')
  @Roles(...CASE_ROLES)
  @ApiPageResponse(SubjectResponse, 'page of subjects of the investigation')
  @ApiNotFoundResponse()
  list(@UuidParam('investigationId') investigationId: string, @Query() query: ArchivablePageQuery,
       @CurrentUser() actor: AuthUser): Promise<Page<SubjectResponse>> {
    return this.subjects.list(investigationId, query, actor);
  }

  @Get('subjects/:id')
  @Roles(...CASE_ROLES)
  @ApiOkResponse({ type: SubjectResponse })
  @ApiNotFoundResponse()
  get(@UuidParam('id') id: string, @CurrentUser() actor: AuthUser): Promise<SubjectResponse> {
    return this.subjects.get(id, actor);
  }

  @Patch('subjects/:id')
  @Roles(Role.Investigator)
  @ApiOkResponse({ type: SubjectResponse })
  @ApiNotFoundResponse()
  @ApiVersionedWrite()
  update(@UuidParam('id') id: string, @Body() dto: UpdateSubjectDto, @IfMatch() version: number,
         @CurrentUser() actor: AuthUser): Promise<SubjectResponse> {
    return this.subjects.update(id, dto, version, actor);
  }

  @Post('subjects/:id/archive')
  @Roles(Role.Investigator)
  @HttpCode(200)
  @ApiOkResponse({ type: SubjectResponse })
  @ApiNotFoundResponse()
  @ApiUnprocessableEntityResponse({ description: 'the subject has an outcome' })
  @ApiVersionedWrite()
  archive(@UuidParam('id') id: string, @Body() dto: ArchiveDto, @IfMatch() version: number,
          @CurrentUser() actor: AuthUser): Promise<SubjectResponse> {
    return this.subjects.archive(id, dto, version, actor);
  }
}
