import { DomainError } from '@parley/domain/errors';

/**
 * Named domain errors of numbers. They carry no HTTP status: the handler layer maps them
 * (`handlers/http/errors.ts`); the API's error code is the snake_case of the name.
 */
export class Forbidden extends DomainError {
  override readonly name = 'Forbidden';
}
export class CountryNotOffered extends DomainError {
  override readonly name = 'CountryNotOffered';
}
export class NumberNotAvailable extends DomainError {
  override readonly name = 'NumberNotAvailable';
}
export class NumberExists extends DomainError {
  override readonly name = 'NumberExists';
}
export class NumberNotFound extends DomainError {
  override readonly name = 'NumberNotFound';
}
export class UserNotFound extends DomainError {
  override readonly name = 'UserNotFound';
}
export class NumberAssigned extends DomainError {
  override readonly name = 'NumberAssigned';
}
export class NumberNotAssigned extends DomainError {
  override readonly name = 'NumberNotAssigned';
}
export class NumberNotReady extends DomainError {
  override readonly name = 'NumberNotReady';
}
export class NumberReleased extends DomainError {
  override readonly name = 'NumberReleased';
}
export class OrderNotFound extends DomainError {
  override readonly name = 'OrderNotFound';
}
export class ConcurrentChange extends DomainError {
  override readonly name = 'ConcurrentChange';
}
