import { Controller, Get, HttpCode, Post, Query, Req } from '@nestjs/common';
import {
  ApiAcceptedResponse, ApiBody, ApiConsumes, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiPayloadTooLargeResponse, ApiTags,
} from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import type { AuthUser } from '../common/auth/auth-user.js';
import { CurrentUser } from '../common/auth/current-user.decorator.js';
import { Roles } from '../common/auth/roles.decorator.js';
import { UuidParam } from '../common/http/params.js';
import { Role } from '../common/auth/role.js';
import { ImportJobCreatedResponse, ImportJobResponse, ImportQueryDto } from './dto/import.dto.js';
import { ImportsService } from './imports.service.js';
import { receiveImportUpload } from './upload.js';

@ApiTags('imports')
@Controller('imports')
@Roles(Role.Investigator, Role.Admin)
export class ImportsController {
  constructor(private readonly imports: ImportsService) {}

  @Post()
  @HttpCode(202)
  @ApiOperation({
    summary: 'Upload a CSV to import (runs in the background)',
    description: 'multipart/form-data with the CSV in the field `file`; format, dryRun and skipInvalid in the query or as form fields. '
      + 'Answers the job id at once; GET /api/imports/{jobId} gives its status and, when finished, its report. See docs/import-format.md.',
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object', required: ['file'],
      properties: {
        file: { type: 'string', format: 'binary' },
        format: { type: 'string', enum: ['probity', 'ccrb'] },
        dryRun: { type: 'boolean' },
        skipInvalid: { type: 'boolean' },
      },
    },
  })
  @ApiAcceptedResponse({ type: ImportJobCreatedResponse })
  @ApiPayloadTooLargeResponse({ description: 'the file is larger than 512 MB' })
  async submit(@Req() req: FastifyRequest, @Query() query: ImportQueryDto, @CurrentUser() actor: AuthUser): Promise<ImportJobCreatedResponse> {
    return this.imports.submit(await receiveImportUpload(req, query), actor);
  }

  @Get(':jobId')
  @ApiOperation({ summary: 'An import job: status, progress and, when finished, the report (its sender and admins only)' })
  @ApiOkResponse({ type: ImportJobResponse })
  @ApiNotFoundResponse({ description: 'no such job, or another user\'s' })
  get(@UuidParam('jobId') jobId: string, @CurrentUser() actor: AuthUser): Promise<ImportJobResponse> {
    return this.imports.get(jobId, actor);
  }
}
