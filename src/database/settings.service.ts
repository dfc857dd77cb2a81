import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Setting } from './setting.entity.js';

@Injectable()
export class SettingsService {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Returns the stored value, storing `candidate` first if there is none. Insert-if-absent
   * means several instances starting at once still agree on a single value.
   */
  async getOrCreate(key: string, candidate: () => string): Promise<string> {
    await this.dataSource.createQueryBuilder()
      .insert().into(Setting).values({ key, value: candidate() })
      .orIgnore()
      .execute();
    const stored = await this.dataSource.getRepository(Setting).findOneByOrFail({ key });
    return stored.value;
  }
}
