import { Controller, Get, Query } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../common/auth/auth-user.js';
import { CurrentUser } from '../common/auth/current-user.decorator.js';
import { Roles } from '../common/auth/roles.decorator.js';
import { UuidParam } from '../common/http/params.js';
import { Role } from '../common/auth/role.js';
import { CoaccusedResponse, OfficerProfileResponse } from './dto/officer-patterns.response.js';
import { CoaccusedQuery, PublicationQuery } from './dto/report-query.dto.js';
import { OfficerPatternsService } from './officer-patterns.service.js';

/** Officer patterns live with the reports; the officer records themselves are in src/officers. */
@ApiTags('reports')
@Controller('officers')
@Roles(Role.Analyst, Role.Reviewer, Role.Investigator)
export class OfficerPatternsController {
  constructor(private readonly patterns: OfficerPatternsService) {}

  @Get(':id/profile')
  @ApiOperation({ summary: "An officer's complaints, allegations by category, findings and outcomes per year, barred status (investigators: their own cases)" })
  @ApiOkResponse({ type: OfficerProfileResponse })
  @ApiNotFoundResponse({ description: 'no such officer' })
  profile(@UuidParam('id') id: string, @Query() query: PublicationQuery, @CurrentUser() viewer: AuthUser): Promise<OfficerProfileResponse> {
    return this.patterns.profile(id, query, viewer);
  }

  @Get(':id/coaccused')
  @ApiOperation({ summary: 'Officers who were subjects of the same investigations (and so the same complaints), with how often' })
  @ApiOkResponse({ type: CoaccusedResponse })
  @ApiNotFoundResponse({ description: 'no such officer' })
  coaccused(@UuidParam('id') id: string, @Query() query: CoaccusedQuery, @CurrentUser() viewer: AuthUser): Promise<CoaccusedResponse> {
    return this.patterns.coaccused(id, query, viewer);
  }
}
