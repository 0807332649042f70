import { DomainError } from '@parley/domain/errors';

/**
 * Named domain errors of usage. They carry no HTTP status: the handler layer maps them
 * (`handlers/http/errors.ts`); the API's error code is the snake_case of the name.
 */
export class Forbidden extends DomainError {
  override readonly name = 'Forbidden';
}
