import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../common/auth/auth-user.js';
import { CurrentUser } from '../common/auth/current-user.decorator.js';
import { Roles } from '../common/auth/roles.decorator.js';
import { Role } from '../common/auth/role.js';
import { AuditChain } from './audit-chain.service.js';
import { AuditLogService } from './audit-log.service.js';
import { AuditQuery } from './dto/audit-query.dto.js';
import { AuditEventPage, VerifyReportResponse } from './dto/audit-event.response.js';

@ApiTags('audit')
@Controller('audit')
@Roles(Role.Admin, Role.Reviewer)
export class AuditController {
  constructor(private readonly log: AuditLogService, private readonly chain: AuditChain) {}

  @Get()
  @ApiOperation({ summary: 'the audit trail, newest first, filtered by entity, actor, action and time' })
  @ApiOkResponse({ type: AuditEventPage })
  list(@Query() query: AuditQuery, @CurrentUser() viewer: AuthUser) {
    return this.log.list(query, viewer);
  }

  @Get('verify')
  @ApiOperation({ summary: 'checks the hash chain and the signed checkpoints; names the first bad event' })
  @ApiOkResponse({ type: VerifyReportResponse })
  verify(): Promise<VerifyReportResponse> {
    return this.chain.verify();
  }
}
