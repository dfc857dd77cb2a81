import type { DataSource } from 'typeorm';

export interface AccountRow {
  id: string;
  username: string;
  roles: string;
  active: boolean | number;
  cv: number;
}

interface PreparedGet {
  get(id: string): AccountRow | undefined;
}

/**
 * The per-request account read behind every token check, kept off the ORM's hot path: on
 * SQLite one statement prepared once on better-sqlite3's connection (TypeORM's query path
 * costs several times the read itself); on PostgreSQL a plain parameterised query.
 */
export class AccountLookup {
  private static readonly COLUMNS = 'id, username, roles, active, credentials_version AS cv FROM users WHERE id =';
  private prepared?: PreparedGet;

  constructor(private readonly dataSource: DataSource) {}

  async find(id: string): Promise<AccountRow | undefined> {
    if (this.dataSource.options.type === 'postgres') {
      const rows: AccountRow[] = await this.dataSource.query(`SELECT ${AccountLookup.COLUMNS} $1`, [id]);
      return rows[0];
    }
    this.prepared ??= (this.dataSource.driver as unknown as { databaseConnection: { prepare(sql: string): PreparedGet } })
      .databaseConnection.prepare(`SELECT ${AccountLookup.COLUMNS} ?`);
    return this.prepared.get(id);
  }
}
