import { Controller, Get, Query } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../common/auth/auth-user.js';
import { CurrentUser } from '../common/auth/current-user.decorator.js';
import { UuidParam } from '../common/http/params.js';
import { Roles } from '../common/auth/roles.decorator.js';
import { ApiPageResponse, type Page } from '../common/http/paging.js';
import { CASE_ROLES } from '../common/auth/role.js';
import { BarredListService } from './barred-list.service.js';
import { BarredListEntryResponse, BarredListQuery } from './dto/barred-list.dto.js';

/**
 * The barred list is published in reality (College of Policing), so every case role may read
 * it; entries are added only by recording a dismissal or would-have-been dismissal.
 */
@ApiTags('barred-list')
@Controller('barred-list')
@Roles(...CASE_ROLES)
export class BarredListController {
  constructor(private readonly barredList: BarredListService) {}

  @Get()
  @ApiPageResponse(BarredListEntryResponse, 'page of barred-list entries, newest first')
  list(@Query() query: BarredListQuery, @CurrentUser() actor: AuthUser): Promise<Page<BarredListEntryResponse>> {
    return this.barredList.list(query, actor);
  }

  @Get(':id')
  @ApiOkResponse({ type: BarredListEntryResponse })
  @ApiNotFoundResponse()
  get(@UuidParam('id') id: string, @CurrentUser() actor: AuthUser): Promise<BarredListEntryResponse> {
    return this.barredList.get(id, actor);
  }
}
