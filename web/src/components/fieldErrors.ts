import { ApiError } from '../api/client';

interface FormWithErrors {
  setErrors(errors: Record<string, string>): void;
  values: object;
}

/**
 * Puts each 400's details[].field next to its field in the form. Returns true when every named
 * field is on the form (nothing else to show); false otherwise, so the caller shows a notice.
 * `fieldMap` renames server fields to form fields where the two differ.
 */
export function applyFieldErrors(form: FormWithErrors, error: unknown, fieldMap: Record<string, string> = {}): boolean {
  if (!(error instanceof ApiError) || error.status !== 400 || error.details.length === 0) return false;
  const errors: Record<string, string> = {};
  let unplaced = false;
  for (const { field, problems } of error.details) {
    const name = fieldMap[field] ?? field;
    if (!(name.split('.')[0] in form.values)) unplaced = true;
    errors[name] = errors[name] ? `${errors[name]}; ${problems.join('; ')}` : problems.join('; ');
  }
  form.setErrors(errors);
  return !unplaced;
}
