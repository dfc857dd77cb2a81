import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { Public } from '../common/auth/roles.decorator.js';
import { HealthService, type HealthReport } from './health.service.js';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(private readonly health: HealthService) {}

  /** For load balancers and monitors: 200 when the database answers, 503 when it does not. */
  @Get()
  @Public()
  @ApiOkResponse({ description: 'the service and its database are up', schema: { example: { status: 'ok', database: 'up' } } })
  @ApiServiceUnavailableResponse({ description: 'the database is unreachable' })
  check(): Promise<HealthReport> {
    return this.health.check();
  }
}
