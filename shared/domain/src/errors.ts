/**
 * The base of every named domain error. A domain error says what went wrong in the domain's own
 * words and carries no HTTP status: each service's handler layer maps `name` to a status.
 * Subclasses must name themselves (`override readonly name = 'ConversationNotFound'`): the name,
 * not the class, is what the handler map and the API's error code are derived from, and it
 * survives bundling and minification.
 */
export abstract class DomainError extends Error {
  abstract override readonly name: string;
  /** machine-readable specifics the API returns as `error.details` */
  declare readonly details?: unknown[];

  constructor(message: string, details?: unknown[]) {
    super(message);
    if (details) this.details = details;
  }
}
