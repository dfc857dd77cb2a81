import { Controller, Get, Query } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../common/auth/auth-user.js';
import { CurrentUser } from '../common/auth/current-user.decorator.js';
import { Roles } from '../common/auth/roles.decorator.js';
import { PageQuery } from '../common/http/paging.js';
import { UuidParam } from '../common/http/params.js';
import { CASE_ROLES } from '../common/auth/role.js';
import { AuditEventPage } from '../audit/dto/audit-event.response.js';
import { HistoryService } from './history.service.js';

/** One record's audit events, newest first, for those allowed to see the record. */
@ApiTags('audit')
@Controller()
@Roles(...CASE_ROLES)
export class HistoryController {
  constructor(private readonly history: HistoryService) {}

  @Get('investigations/:id/history')
  @ApiOperation({ summary: "an investigation's audit events, newest first" })
  @ApiOkResponse({ type: AuditEventPage })
  @ApiNotFoundResponse({ description: 'no such investigation, or not one of yours' })
  investigation(@UuidParam('id') id: string, @Query() page: PageQuery, @CurrentUser() viewer: AuthUser) {
    return this.history.investigation(id, page, viewer);
  }

  @Get('officers/:id/history')
  @ApiOperation({ summary: "an officer's audit events, newest first" })
  @ApiOkResponse({ type: AuditEventPage })
  @ApiNotFoundResponse()
  officer(@UuidParam('id') id: string, @Query() page: PageQuery, @CurrentUser() viewer: AuthUser) {
    return this.history.officer(id, page, viewer);
  }

  @Get('complaints/:id/history')
  @ApiOperation({ summary: "a complaint's audit events, newest first (no complainant personal data for analysts)" })
  @ApiOkResponse({ type: AuditEventPage })
  @ApiNotFoundResponse({ description: 'no such complaint, or not one an investigator may see' })
  complaint(@UuidParam('id') id: string, @Query() page: PageQuery, @CurrentUser() viewer: AuthUser) {
    return this.history.complaint(id, page, viewer);
  }
}
