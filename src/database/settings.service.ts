import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Setting } from './setting.entity.js';
import { UnitOfWork } from './unit-of-work.js';

@Injectable()
export class SettingsService {
  constructor(private readonly dataSource: DataSource, private readonly uow: UnitOfWork) {}

  /**
   * Returns the stored value, storing `candidate` first if there is none. Insert-if-absent
   * means several instances starting at once still agree on a single value. The read comes
   * first so the common case writes nothing; the write goes through the UnitOfWork like any other.
   */
  async getOrCreate(key: string, candidate: () => string): Promise<string> {
    const existing = await this.dataSource.getRepository(Setting).findOneBy({ key });
    if (existing) return existing.value;
    return this.uow.run(async (em) => {
      await em.createQueryBuilder().insert().into(Setting).values({ key, value: candidate() }).orIgnore().execute();
      return (await em.findOneByOrFail(Setting, { key })).value;
    });
  }
}
