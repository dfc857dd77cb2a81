import { applyDecorators } from '@nestjs/common';
import { IsISO8601, Matches } from 'class-validator';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A calendar day 'YYYY-MM-DD' that exists (2023-02-30 is refused), as `date` columns hold them. */
export const IsCalendarDay = () =>
  applyDecorators(
    Matches(DAY, { message: ({ property }) => `${property} must be a calendar day YYYY-MM-DD` }),
    IsISO8601({ strict: true }, { message: ({ property }) => `${property} must be a real calendar day` }),
  );

/** Today's calendar day in UTC, 'YYYY-MM-DD'. */
export const today = (): string => new Date().toISOString().slice(0, 10);
