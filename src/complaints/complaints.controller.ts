import { Body, Controller, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import {
  ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags, ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { AuthUser } from '../common/auth/auth-user.js';
import { CurrentUser } from '../common/auth/current-user.decorator.js';
import { Roles } from '../common/auth/roles.decorator.js';
import { UuidParam } from '../common/http/params.js';
import { ArchiveDto } from '../common/records/archive.dto.js';
import { ApiVersionedWrite, IfMatch } from '../common/records/versioning.js';
import { Role } from '../common/auth/role.js';
import { ComplaintsService } from './complaints.service.js';
import { CreateComplaintDto, UpdateComplaintDto } from './dto/complaint.dto.js';
import { ComplaintResponse } from './dto/complaint.response.js';
import { ListComplaintsQuery } from './dto/list-complaints.query.js';
import { ApiPageResponse } from '../common/http/paging.js';

const NOT_VISIBLE = { description: 'no such complaint, or not one the caller may see (existence is never revealed)' };

@ApiTags('complaints')
@Controller('complaints')
@Roles(Role.Investigator, Role.Reviewer, Role.Analyst)
export class ComplaintsController {
  constructor(private readonly complaints: ComplaintsService) {}

  @Post()
  @Roles(Role.Investigator)
  @ApiOperation({ summary: 'Record a complaint (reference CMP-YYYY-NNNNNN by the year received)' })
  @ApiCreatedResponse({ type: ComplaintResponse })
  @ApiNotFoundResponse({ description: 'investigationId is not a case the caller may change' })
  @ApiUnprocessableEntityResponse({ description: 'complainant: anonymous with a name, or named without one' })
  create(@Body() dto: CreateComplaintDto, @CurrentUser() actor: AuthUser): Promise<ComplaintResponse> {
    return this.complaints.create(dto, actor);
  }

  @Get()
  @ApiOperation({ summary: 'Complaints the caller may see; complainant data only for reviewers and the case\'s investigators' })
  @ApiPageResponse(ComplaintResponse)
  list(@Query() query: ListComplaintsQuery, @CurrentUser() actor: AuthUser) {
    return this.complaints.list(query, actor);
  }

  @Get(':id')
  @ApiOkResponse({ type: ComplaintResponse })
  @ApiNotFoundResponse(NOT_VISIBLE)
  get(@UuidParam('id') id: string, @CurrentUser() actor: AuthUser): Promise<ComplaintResponse> {
    return this.complaints.get(id, actor);
  }

  @Patch(':id')
  @Roles(Role.Investigator, Role.Reviewer)
  @ApiOperation({ summary: 'Change a complaint; status moves along COMPLAINT_TRANSITIONS' })
  @ApiOkResponse({ type: ComplaintResponse })
  @ApiNotFoundResponse(NOT_VISIBLE)
  @ApiConflictResponse({ description: 'archived, or a status move that does not exist (the message names both states)' })
  @ApiUnprocessableEntityResponse({ description: 'a rule was broken' })
  @ApiVersionedWrite()
  update(@UuidParam('id') id: string, @Body() dto: UpdateComplaintDto, @IfMatch() version: number, @CurrentUser() actor: AuthUser) {
    return this.complaints.update(id, dto, version, actor);
  }

  @Post(':id/archive')
  @HttpCode(200)
  @Roles(Role.Investigator, Role.Reviewer)
  @ApiOkResponse({ type: ComplaintResponse })
  @ApiNotFoundResponse(NOT_VISIBLE)
  @ApiConflictResponse({ description: 'already archived' })
  @ApiVersionedWrite()
  archive(@UuidParam('id') id: string, @Body() dto: ArchiveDto, @IfMatch() version: number, @CurrentUser() actor: AuthUser) {
    return this.complaints.archive(id, dto, version, actor);
  }
}
