import { Controller, Get, Param } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../common/auth/auth-user.js';
import { CurrentUser } from '../common/auth/current-user.decorator.js';
import { UuidParam } from '../common/http/params.js';
import { Roles } from '../common/auth/roles.decorator.js';
import { CASE_ROLES } from '../common/auth/role.js';
import { InvestigationSummaryResponse, OperationSummaryResponse } from './dto/case-summary.response.js';
import { CaseSummaryService } from './case-summary.service.js';

@ApiTags('summaries')
@Controller()
@Roles(...CASE_ROLES)
export class CaseSummaryController {
  constructor(private readonly summaries: CaseSummaryService) {}

  @Get('investigations/:investigationId/summary')
  @ApiOkResponse({ type: InvestigationSummaryResponse })
  @ApiNotFoundResponse()
  forInvestigation(@UuidParam('investigationId') investigationId: string,
                   @CurrentUser() actor: AuthUser): Promise<InvestigationSummaryResponse> {
    return this.summaries.forInvestigation(investigationId, actor);
  }

  @Get('operations/:name/summary')
  @ApiOkResponse({ type: OperationSummaryResponse, description: 'over the operation\'s investigations you may see' })
  @ApiNotFoundResponse({ description: 'no investigation of that operation visible to you (name matched case-insensitively)' })
  forOperation(@Param('name') name: string, @CurrentUser() actor: AuthUser): Promise<OperationSummaryResponse> {
    return this.summaries.forOperation(name, actor);
  }
}
