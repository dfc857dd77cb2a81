import { BadRequestException, ValidationPipe, type ValidationError } from '@nestjs/common';
import { ValidateIf } from 'class-validator';

interface FieldProblem {
  field: string;
  problems: string[];
}

function flatten(errors: ValidationError[], prefix = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const own = error.constraints ? [{ field, problems: Object.values(error.constraints) }] : [];
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

export function validationMessage(errors: ValidationError[]): { message: string; details: FieldProblem[] } {
  const details = flatten(errors);
  return { message: details.flatMap((d) => d.problems).join('; '), details };
}

/** Unknown fields are refused, types coerced from query strings, every 400 names its field. */
export const validationPipe = new ValidationPipe({
  whitelist: true,
  forbidNonWhitelisted: true,
  forbidUnknownValues: true,
  transform: true,
  validationError: { target: false, value: false },
  exceptionFactory: (errors) => new BadRequestException(validationMessage(errors)),
});

/**
 * For PATCH fields whose column is required: absent means "leave it", but null is refused
 * (400 naming the field) rather than written. Nullable columns use @IsOptional() instead.
 */
export const NotNullWhenPresent = () => ValidateIf((_: object, value: unknown) => value !== undefined);
