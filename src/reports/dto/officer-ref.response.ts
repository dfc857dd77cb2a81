import { ApiProperty } from '@nestjs/swagger';
import type { OfficerPseudonym } from '../../common/privacy/pseudonymiser.js';

/** The officer columns a report reads (raw row names). */
export interface OfficerIdentityRow {
  id: string;
  given_name: string;
  family_name: string;
  service_number: string;
  force: string;
  rank: string | null;
  unit: string | null;
}

export const OFFICER_IDENTITY_COLUMNS = 'id, given_name, family_name, service_number, force, rank, unit';

/** Who an officer is in a report: identified, or (publication mode) a stable pseudonym. */
export class OfficerRef {
  @ApiProperty({ description: 'the officer id, or in publication mode a stable pseudonym (OFF-…)' }) id!: string;
  @ApiProperty({ nullable: true, type: String, description: 'given and family name; null when pseudonymised' }) name!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'null when pseudonymised' }) serviceNumber!: string | null;
  @ApiProperty() force!: string;
  @ApiProperty({ nullable: true, type: String }) rank!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'current unit' }) unit!: string | null;
  @ApiProperty() pseudonymised!: boolean;

  static from(row: OfficerIdentityRow, pseudonym: OfficerPseudonym | null): OfficerRef {
    const { force, rank, unit } = row;
    if (pseudonym) return { id: pseudonym(row.id), name: null, serviceNumber: null, force, rank, unit, pseudonymised: true };
    return {
      id: row.id, name: `${row.given_name} ${row.family_name}`, serviceNumber: row.service_number,
      force, rank, unit, pseudonymised: false,
    };
  }
}
