import { NotFoundError } from '../errors/domain-errors.js';

/**
 * Runs a case-access check for a record that belongs to a case and, if the case is hidden
 * from the caller, answers "<entity> <id> not found" instead: the 404 must name the record
 * asked for, never the id of the investigation behind it.
 */
export async function hiddenAs<T>(entity: string, id: string, access: Promise<T>): Promise<T> {
  try {
    return await access;
  } catch (error) {
    if (error instanceof NotFoundError) throw new NotFoundError(entity, id);
    throw error;
  }
}
