import { randomUUID } from 'node:crypto';
import type { TableColumnOptions } from 'typeorm';

/**
 * Column shapes shared by entities and migrations so one migration runs on SQLite and
 * PostgreSQL. Instants are ISO-8601 UTC strings (fixed width, so they sort and compare
 * as text on both engines); calendar days use the portable `date` type.
 */
export const newId = (): string => randomUUID();
export const now = (): string => new Date().toISOString();

export const col = {
  id: (name = 'id'): TableColumnOptions => ({ name, type: 'varchar', length: '36', isPrimary: true }),
  ref: (name: string, nullable = false): TableColumnOptions => ({ name, type: 'varchar', length: '36', isNullable: nullable }),
  text: (name: string, length: number, nullable = false): TableColumnOptions => ({ name, type: 'varchar', length: String(length), isNullable: nullable }),
  longText: (name: string, nullable = true): TableColumnOptions => ({ name, type: 'text', isNullable: nullable }),
  instant: (name: string, nullable = false): TableColumnOptions => ({ name, type: 'varchar', length: '30', isNullable: nullable }),
  day: (name: string, nullable = true): TableColumnOptions => ({ name, type: 'date', isNullable: nullable }),
  int: (name: string, nullable = false, defaultValue?: number): TableColumnOptions => ({ name, type: 'integer', isNullable: nullable, default: defaultValue }),
  bool: (name: string, defaultValue: boolean): TableColumnOptions => ({ name, type: 'boolean', isNullable: false, default: defaultValue }),
  json: (name: string, nullable = true): TableColumnOptions => ({ name, type: 'text', isNullable: nullable }),
  version: (): TableColumnOptions => ({ name: 'version', type: 'integer', isNullable: false, default: 1 }),
};
