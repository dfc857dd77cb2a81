import { Injectable, ServiceUnavailableException } from '@nestjs/common';
import { HealthCheckService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { ServiceUnavailableError } from '../common/errors/domain-errors.js';

export const HEALTH_TIMEOUT_MS = 1500;

export interface HealthReport {
  status: 'ok';
  database: 'up';
}

@Injectable()
export class HealthService {
  constructor(private readonly health: HealthCheckService, private readonly db: TypeOrmHealthIndicator) {}

  /**
   * Terminus pings the database with a deadline. The answer is public, so it says up or
   * down and nothing about why (no driver message, host or path).
   */
  async check(): Promise<HealthReport> {
    try {
      await this.health.check([() => this.db.pingCheck('database', { timeout: HEALTH_TIMEOUT_MS })]);
    } catch (error) {
      if (error instanceof ServiceUnavailableException) {
        throw new ServiceUnavailableError('the database is unreachable', { database: 'down' });
      }
      throw error;
    }
    return { status: 'ok', database: 'up' };
  }
}
