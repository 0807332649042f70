import { DomainError } from '@parley/domain/errors';

/** Domain errors: named, no HTTP status. The handler layer maps them (`handlers/http/errors.ts`). */

export class NotAMember extends DomainError {
  override readonly name = 'NotAMember';
  constructor(conversationId: string) {
    super(`You are not a member of conversation ${conversationId}.`);
  }
}

export class SignalNotAllowed extends DomainError {
  override readonly name = 'SignalNotAllowed';
  constructor() {
    super('You can only signal someone who shares this call or a conversation with you.');
  }
}

export class RateLimited extends DomainError {
  override readonly name = 'RateLimited';
  constructor(what: string) {
    super(`Too many ${what}: slow down and try again in a few seconds.`);
  }
}

export class PayloadTooLarge extends DomainError {
  override readonly name = 'PayloadTooLarge';
  constructor(limitBytes: number) {
    super(`The payload is limited to ${limitBytes} bytes.`);
  }
}

export class RecipientOffline extends DomainError {
  override readonly name = 'RecipientOffline';
  constructor(userId: string) {
    super(`${userId} has no live connection: nothing was relayed.`);
  }
}

export class OriginNotAllowed extends DomainError {
  override readonly name = 'OriginNotAllowed';
  constructor(origin: string | undefined) {
    super(`Connections from origin ${origin ?? '(none)'} are not allowed.`);
  }
}

export class WebhookSignatureInvalid extends DomainError {
  override readonly name = 'WebhookSignatureInvalid';
  constructor() {
    super('The webhook signature is missing or does not verify: nothing was processed.');
  }
}
