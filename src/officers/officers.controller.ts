import { Body, Controller, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
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
import { ListOfficersQuery } from './dto/list-officers.query.js';
import { OfficerCasesResponse } from './dto/officer-cases.response.js';
import { CreateOfficerDto, UpdateOfficerDto } from './dto/officer.dto.js';
import { OfficerResponse } from './dto/officer.response.js';
import { OfficerCasesService } from './officer-cases.service.js';
import { OfficersService } from './officers.service.js';

@ApiTags('officers')
@Controller('officers')
@Roles(Role.Investigator, Role.Reviewer, Role.Analyst)
export class OfficersController {
  constructor(
    private readonly officers: OfficersService,
    private readonly officerCases: OfficerCasesService,
  ) {}

  @Post()
  @Roles(Role.Investigator)
  @ApiCreatedResponse({ type: OfficerResponse })
  @ApiConflictResponse({ description: 'the service number is already held in that force' })
  @ApiUnprocessableEntityResponse({ description: 'a rule was broken (e.g. left before joining)' })
  create(@Body() dto: CreateOfficerDto, @CurrentUser() actor: AuthUser): Promise<OfficerResponse> {
    return this.officers.create(dto, actor);
  }

  @Get()
  @ApiPageResponse(OfficerResponse)
  list(@Query() query: ListOfficersQuery) {
    return this.officers.list(query);
  }

  @Get(':id')
  @ApiOkResponse({ type: OfficerResponse })
  @ApiNotFoundResponse()
  get(@UuidParam('id') id: string): Promise<OfficerResponse> {
    return this.officers.get(id);
  }

  @Get(':id/cases')
  @ApiOperation({ summary: 'Investigations the officer was a subject of (those the caller may see), with allegations, outcome and barring' })
  @ApiOkResponse({ type: OfficerCasesResponse })
  @ApiNotFoundResponse()
  cases(@UuidParam('id') id: string, @Query() page: PageQuery, @CurrentUser() actor: AuthUser): Promise<OfficerCasesResponse> {
    return this.officerCases.cases(id, page, actor);
  }

  @Patch(':id')
  @Roles(Role.Investigator, Role.Reviewer)
  @ApiOkResponse({ type: OfficerResponse })
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'archived, or the service number is already held in that force' })
  @ApiVersionedWrite()
  update(@UuidParam('id') id: string, @Body() dto: UpdateOfficerDto, @IfMatch() version: number, @CurrentUser() actor: AuthUser) {
    return this.officers.update(id, dto, version, actor);
  }

  @Post(':id/archive')
  @HttpCode(200)
  @Roles(Role.Investigator, Role.Reviewer)
  @ApiOkResponse({ type: OfficerResponse })
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'already archived' })
  @ApiVersionedWrite()
  archive(@UuidParam('id') id: string, @Body() dto: ArchiveDto, @IfMatch() version: number, @CurrentUser() actor: AuthUser) {
    return this.officers.archive(id, dto, version, actor);
  }
}
