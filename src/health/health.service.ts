import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ServiceUnavailableError } from '../common/errors/domain-errors.js';

export const HEALTH_TIMEOUT_MS = 1500;

export interface HealthReport {
  status: 'ok';
  database: 'up';
}

@Injectable()
export class HealthService {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * One trivial query with a deadline. The answer is public, so it says up or down and
   * nothing about why (no driver message, host or path).
   */
  async check(): Promise<HealthReport> {
    if (!(await this.databaseAnswers())) {
      throw new ServiceUnavailableError('the database is unreachable', { database: 'down' });
    }
    return { status: 'ok', database: 'up' };
  }

  private async databaseAnswers(): Promise<boolean> {
    if (!this.dataSource.isInitialized) return false;
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<false>((resolve) => { timer = setTimeout(() => resolve(false), HEALTH_TIMEOUT_MS); });
    const ping = this.dataSource.query('SELECT 1').then(() => true, () => false);
    try {
      return await Promise.race([ping, deadline]);
    } finally {
      clearTimeout(timer);
    }
  }
}
