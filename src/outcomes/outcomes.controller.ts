import { Body, Controller, Get, Patch, Post, Query } from '@nestjs/common';
import {
  ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse,
  ApiTags, ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { AuthUser } from '../common/auth/auth-user.js';
import { CurrentUser } from '../common/auth/current-user.decorator.js';
import { UuidParam } from '../common/http/params.js';
import { Roles } from '../common/auth/roles.decorator.js';
import { ApiPageResponse, type Page } from '../common/http/paging.js';
import { ApiVersionedWrite, IfMatch } from '../common/records/versioning.js';
import { CASE_ROLES, Role } from '../common/auth/role.js';
import { AmendOutcomeDto, OutcomeQuery, OutcomeResponse, RecordOutcomeDto } from './dto/outcome.dto.js';
import { OutcomesService } from './outcomes.service.js';

const RULES = 'a conduct rule is broken; the message states it in words (e.g. dismissal needs gross misconduct found proven)';

/** Outcomes are decided by reviewers independent of the case (one who leads or is on its team gets 403). */
@ApiTags('outcomes')
@Controller()
export class OutcomesController {
  constructor(private readonly outcomes: OutcomesService) {}

  @Post('subjects/:subjectId/outcome')
  @Roles(Role.Reviewer)
  @ApiCreatedResponse({ type: OutcomeResponse })
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'the subject already has an outcome: amend it' })
  @ApiUnprocessableEntityResponse({ description: RULES })
  record(@UuidParam('subjectId') subjectId: string, @Body() dto: RecordOutcomeDto,
         @CurrentUser() actor: AuthUser): Promise<OutcomeResponse> {
    return this.outcomes.record(subjectId, dto, actor);
  }

  @Get('subjects/:subjectId/outcome')
  @Roles(...CASE_ROLES)
  @ApiOkResponse({ type: OutcomeResponse })
  @ApiNotFoundResponse({ description: 'no such subject visible to you, or no outcome recorded yet' })
  getForSubject(@UuidParam('subjectId') subjectId: string, @CurrentUser() actor: AuthUser): Promise<OutcomeResponse> {
    return this.outcomes.getForSubject(subjectId, actor);
  }

  @Get('outcomes')
  @Roles(...CASE_ROLES)
  @ApiPageResponse(OutcomeResponse, 'page of outcomes in the cases you may see, latest decision first')
  list(@Query() query: OutcomeQuery, @CurrentUser() actor: AuthUser): Promise<Page<OutcomeResponse>> {
    return this.outcomes.list(query, actor);
  }

  @Get('outcomes/:id')
  @Roles(...CASE_ROLES)
  @ApiOkResponse({ type: OutcomeResponse })
  @ApiNotFoundResponse()
  get(@UuidParam('id') id: string, @CurrentUser() actor: AuthUser): Promise<OutcomeResponse> {
    return this.outcomes.get(id, actor);
  }

  @Patch('outcomes/:id')
  @Roles(Role.Reviewer)
  @ApiOkResponse({ type: OutcomeResponse })
  @ApiNotFoundResponse()
  @ApiVersionedWrite()
  @ApiUnprocessableEntityResponse({ description: RULES })
  amend(@UuidParam('id') id: string, @Body() dto: AmendOutcomeDto, @IfMatch() version: number,
        @CurrentUser() actor: AuthUser): Promise<OutcomeResponse> {
    return this.outcomes.amend(id, dto, version, actor);
  }
}
