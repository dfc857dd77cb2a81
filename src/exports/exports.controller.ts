import { Controller, Get, Param, Query, StreamableFile } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import type { AuthUser } from '../common/auth/auth-user.js';
import { CurrentUser } from '../common/auth/current-user.decorator.js';
import { Roles } from '../common/auth/roles.decorator.js';
import { Role } from '../common/auth/role.js';
import { ExportPathParams, ExportQuery } from './dto/export-query.dto.js';
import { ExportsService } from './exports.service.js';

@ApiTags('exports')
@Controller('exports')
@Roles(Role.Analyst, Role.Reviewer)
export class ExportsController {
  constructor(private readonly exports: ExportsService) {}

  @Get(':dataset.:format')
  @ApiOperation({
    summary: 'Download a table as CSV or JSON Lines, streamed',
    description: 'investigations, complaints, subjects, allegations, outcomes, recommendations or barred-list, '
      + 'as .csv or .jsonl. Complainant personal data is never included. Recorded in the audit trail as a disclosure.',
  })
  @ApiProduces('text/csv', 'application/x-ndjson')
  @ApiOkResponse({ description: 'the file, streamed (content-disposition names it)' })
  @ApiUnprocessableEntityResponse({ description: 'a filter that does not apply to this dataset' })
  async download(@Param() path: ExportPathParams, @Query() query: ExportQuery, @CurrentUser() actor: AuthUser): Promise<StreamableFile> {
    const file = await this.exports.export(path.dataset, path.format, query, actor);
    return new StreamableFile(file.stream, { type: file.contentType, disposition: `attachment; filename="${file.filename}"` });
  }
}
