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
import { AllegationsService } from './allegations.service.js';
import {
  AllegationQuery, AllegationResponse, CreateAllegationDto, RecordFindingDto, UpdateAllegationDto,
} from './dto/allegation.dto.js';

@ApiTags('allegations')
@Controller()
export class AllegationsController {
  constructor(private readonly allegations: AllegationsService) {}

  @Post('subjects/:subjectId/allegations')
  @Roles(Role.Investigator)
  @ApiCreatedResponse({ type: AllegationResponse })
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'the subject is archived' })
  create(@UuidParam('subjectId') subjectId: string, @Body() dto: CreateAllegationDto,
         @CurrentUser() actor: AuthUser): Promise<AllegationResponse> {
    return this.allegations.create(subjectId, dto, actor);
  }

  @Get('subjects/:subjectId/allegations')
  @Roles(...CASE_ROLES)
  @ApiPageResponse(AllegationResponse, 'page of the subject\'s allegations')
  @ApiNotFoundResponse()
  listForSubject(@UuidParam('subjectId') subjectId: string, @Query() query: ArchivablePageQuery,
                 @CurrentUser() actor: AuthUser): Promise<Page<AllegationResponse>> {
    return this.allegations.listForSubject(subjectId, query, actor);
  }

  @Get('allegations')
  @Roles(...CASE_ROLES)
  @ApiPageResponse(AllegationResponse, 'page of allegations in the cases you may see')
  list(@Query() query: AllegationQuery, @CurrentUser() actor: AuthUser): Promise<Page<AllegationResponse>> {
    return this.allegations.list(query, actor);
  }

  @Get('allegations/:id')
  @Roles(...CASE_ROLES)
  @ApiOkResponse({ type: AllegationResponse })
  @ApiNotFoundResponse()
  get(@UuidParam('id') id: string, @CurrentUser() actor: AuthUser): Promise<AllegationResponse> {
    return this.allegations.get(id, actor);
  }

  @Patch('allegations/:id')
  @Roles(Role.Investigator)
  @ApiOkResponse({ type: AllegationResponse })
  @ApiNotFoundResponse()
  @ApiVersionedWrite()
  @ApiUnprocessableEntityResponse({ description: 'a reviewer has already decided on the allegation' })
  update(@UuidParam('id') id: string, @Body() dto: UpdateAllegationDto, @IfMatch() version: number,
         @CurrentUser() actor: AuthUser): Promise<AllegationResponse> {
    return this.allegations.update(id, dto, version, actor);
  }

  @Post('allegations/:id/finding')
  @Roles(Role.Reviewer)
  @HttpCode(200)
  @ApiOkResponse({ type: AllegationResponse })
  @ApiNotFoundResponse()
  @ApiVersionedWrite()
  @ApiUnprocessableEntityResponse({ description: 'the finding breaks a rule (the message says which)' })
  recordFinding(@UuidParam('id') id: string, @Body() dto: RecordFindingDto, @IfMatch() version: number,
                @CurrentUser() actor: AuthUser): Promise<AllegationResponse> {
    return this.allegations.recordFinding(id, dto, version, actor);
  }

  @Post('allegations/:id/archive')
  @Roles(Role.Investigator)
  @HttpCode(200)
  @ApiOkResponse({ type: AllegationResponse })
  @ApiNotFoundResponse()
  @ApiVersionedWrite()
  archive(@UuidParam('id') id: string, @Body() dto: ArchiveDto, @IfMatch() version: number,
          @CurrentUser() actor: AuthUser): Promise<AllegationResponse> {
    return this.allegations.archive(id, dto, version, actor);
  }
}
