/** Domain errors: named, no HTTP status (the handlers map them). */

export class NotAMember extends Error {
  override name = 'NotAMember';
  constructor(conversationId: string) {
    super(`You are not a member of conversation ${conversationId}.`);
  }
}

export class SignalNotAllowed extends Error {
  override name = 'SignalNotAllowed';
  constructor() {
    super('You can only signal someone who shares this call or a conversation with you.');
  }
}

export class RateLimited extends Error {
  override name = 'RateLimited';
  constructor(what: string) {
    super(`Too many ${what}: slow down and try again in a few seconds.`);
  }
}

export class PayloadTooLarge extends Error {
  override name = 'PayloadTooLarge';
  constructor(limitBytes: number) {
    super(`The payload is limited to ${limitBytes} bytes.`);
  }
}

export class RecipientOffline extends Error {
  override name = 'RecipientOffline';
  constructor(userId: string) {
    super(`${userId} has no live connection: nothing was relayed.`);
  }
}

export class OriginNotAllowed extends Error {
  override name = 'OriginNotAllowed';
  constructor(origin: string | undefined) {
    super(`Connections from origin ${origin ?? '(none)'} are not allowed.`);
  }
}

/** Status for each domain error, shared by the HTTP and WebSocket handlers. */
export const errorStatus = {
  NotAMember: 403,
  SignalNotAllowed: 403,
  RateLimited: 429,
  PayloadTooLarge: 413,
  OriginNotAllowed: 403,
  RecipientOffline: 404,
} as const;
