/** Errors services throw; DomainErrorFilter maps each kind to one HTTP status. */
export abstract class DomainError extends Error {
  constructor(message: string, readonly details?: Record<string, unknown>) {
    super(message);
    this.name = new.target.name;
  }
}

export class NotFoundError extends DomainError {
  constructor(entity: string, id: string) {
    super(`${entity} ${id} not found`);
  }
}
export class ConflictError extends DomainError {}
/** A business rule was broken; the message states the rule in words. */
export class RuleViolationError extends DomainError {}
export class NotAllowedError extends DomainError {}
export class InvalidCredentialsError extends DomainError {
  constructor() {
    super('invalid username or password');
  }
}
export class PreconditionRequiredError extends DomainError {}
export class PreconditionFailedError extends DomainError {}
export class ServiceUnavailableError extends DomainError {}
