import { Body, Controller, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import {
  ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags, ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { AuthUser } from '../common/auth/auth-user.js';
import { CurrentUser } from '../common/auth/current-user.decorator.js';
import { UuidParam } from '../common/http/params.js';
import { Roles } from '../common/auth/roles.decorator.js';
import { ApiPageResponse, type Page } from '../common/http/paging.js';
import { ArchiveDto } from '../common/records/archive.dto.js';
import { ApiVersionedWrite, IfMatch } from '../common/records/versioning.js';
import { CASE_ROLES, Role } from '../common/auth/role.js';
import {
  CreateRecommendationDto, ExtendResponseDeadlineDto, RecommendationQuery, RecommendationResponse, RecordImplementationDto,
  RecordResponseDto, UpdateRecommendationDto,
} from './dto/recommendation.dto.js';
import { RecommendationsService } from './recommendations.service.js';

@ApiTags('recommendations')
@Controller()
export class RecommendationsController {
  constructor(private readonly recommendations: RecommendationsService) {}

  @Post('investigations/:investigationId/recommendations')
  @Roles(Role.Investigator)
  @ApiCreatedResponse({ type: RecommendationResponse })
  @ApiNotFoundResponse()
  create(@UuidParam('investigationId') investigationId: string, @Body() dto: CreateRecommendationDto,
         @CurrentUser() actor: AuthUser): Promise<RecommendationResponse> {
    return this.recommendations.create(investigationId, dto, actor);
  }

  @Get('investigations/:investigationId/recommendations')
  @Roles(...CASE_ROLES)
  @ApiPageResponse(RecommendationResponse, 'page of the investigation\'s recommendations, by number')
  @ApiNotFoundResponse()
  listForInvestigation(@UuidParam('investigationId') investigationId: string, @Query() query: RecommendationQuery,
                       @CurrentUser() actor: AuthUser): Promise<Page<RecommendationResponse>> {
    return this.recommendations.listForInvestigation(investigationId, query, actor);
  }

  @Get('recommendations')
  @Roles(...CASE_ROLES)
  @ApiPageResponse(RecommendationResponse, 'page of recommendations in the cases you may see; ?overdue=true lists the overdue ones')
  list(@Query() query: RecommendationQuery, @CurrentUser() actor: AuthUser): Promise<Page<RecommendationResponse>> {
    return this.recommendations.list(query, actor);
  }

  @Get('recommendations/:id')
  @Roles(...CASE_ROLES)
  @ApiOkResponse({ type: RecommendationResponse })
  @ApiNotFoundResponse()
  get(@UuidParam('id') id: string, @CurrentUser() actor: AuthUser): Promise<RecommendationResponse> {
    return this.recommendations.get(id, actor);
  }

  @Patch('recommendations/:id')
  @Roles(Role.Investigator)
  @ApiOkResponse({ type: RecommendationResponse })
  @ApiNotFoundResponse()
  @ApiVersionedWrite()
  update(@UuidParam('id') id: string, @Body() dto: UpdateRecommendationDto, @IfMatch() version: number,
         @CurrentUser() actor: AuthUser): Promise<RecommendationResponse> {
    return this.recommendations.update(id, dto, version, actor);
  }

  @Post('recommendations/:id/extension')
  @Roles(Role.Reviewer)
  @HttpCode(200)
  @ApiOkResponse({ type: RecommendationResponse })
  @ApiNotFoundResponse()
  @ApiVersionedWrite()
  @ApiUnprocessableEntityResponse({ description: 'the new date is not later, or the response is already in' })
  extend(@UuidParam('id') id: string, @Body() dto: ExtendResponseDeadlineDto, @IfMatch() version: number,
         @CurrentUser() actor: AuthUser): Promise<RecommendationResponse> {
    return this.recommendations.extend(id, dto, version, actor);
  }

  @Post('recommendations/:id/response')
  @Roles(Role.Reviewer)
  @HttpCode(200)
  @ApiOkResponse({ type: RecommendationResponse })
  @ApiNotFoundResponse()
  @ApiVersionedWrite()
  @ApiUnprocessableEntityResponse({ description: 'the response date is before issue or in the future' })
  respond(@UuidParam('id') id: string, @Body() dto: RecordResponseDto, @IfMatch() version: number,
          @CurrentUser() actor: AuthUser): Promise<RecommendationResponse> {
    return this.recommendations.respond(id, dto, version, actor);
  }

  @Post('recommendations/:id/implementation')
  @Roles(Role.Reviewer)
  @HttpCode(200)
  @ApiOkResponse({ type: RecommendationResponse })
  @ApiNotFoundResponse()
  @ApiVersionedWrite()
  @ApiUnprocessableEntityResponse({ description: 'implementation under way needs an accepted recommendation' })
  implementation(@UuidParam('id') id: string, @Body() dto: RecordImplementationDto, @IfMatch() version: number,
                 @CurrentUser() actor: AuthUser): Promise<RecommendationResponse> {
    return this.recommendations.implementation(id, dto, version, actor);
  }

  @Post('recommendations/:id/archive')
  @Roles(Role.Investigator)
  @HttpCode(200)
  @ApiOkResponse({ type: RecommendationResponse })
  @ApiNotFoundResponse()
  @ApiVersionedWrite()
  archive(@UuidParam('id') id: string, @Body() dto: ArchiveDto, @IfMatch() version: number,
          @CurrentUser() actor: AuthUser): Promise<RecommendationResponse> {
    return this.recommendations.archive(id, dto, version, actor);
  }
}
