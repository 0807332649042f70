import { DomainError } from '@parley/domain/errors';

/** Domain errors: named, without HTTP status. The handler layer maps them (`handlers/http/errors.ts`). */

export class EmailTaken extends DomainError {
  override readonly name = 'EmailTaken';
  constructor() {
    super('An account with this email already exists. Sign in instead.');
  }
}

/** Why a password is refused as easy to guess (ASVS 5.0 6.2.4, 6.2.11): the error says which. */
export type PasswordWeakness = 'common' | 'personal' | 'context' | 'repeated' | 'whitespace' | 'few-distinct';

const WEAKNESS_MESSAGES: Record<PasswordWeakness, string> = {
  common: 'This password is one of the most common ones and easy to guess. Choose another.',
  personal: 'This password contains your email address or your name, which others can guess. Choose another.',
  context: 'This password contains the name of this service ("parley"), which is easy to guess. Choose another.',
  repeated: 'This password repeats a single character and is easy to guess. Choose another.',
  whitespace: 'This password is only spaces. Choose one with letters, digits or symbols.',
  'few-distinct': 'This password uses fewer than 4 different characters and is easy to guess. Choose another.',
};

/** A password that is easy to guess (code `password_too_common` for every reason; `details` names it). */
export class PasswordTooCommon extends DomainError {
  override readonly name = 'PasswordTooCommon';
  readonly reason: PasswordWeakness;
  constructor(reason: PasswordWeakness = 'common') {
    super(WEAKNESS_MESSAGES[reason], [{ path: ['password'], reason }]);
    this.reason = reason;
  }
}

export class InvalidCredentials extends DomainError {
  override readonly name = 'InvalidCredentials';
  constructor() {
    super('The email or password is not correct.');
  }
}

export class LoginThrottled extends DomainError {
  override readonly name = 'LoginThrottled';
  readonly retryAfterSeconds: number;
  constructor(retryAfterSeconds: number) {
    super(`Too many failed sign-ins. Try again in ${retryAfterSeconds} seconds.`);
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

export class SearchThrottled extends DomainError {
  override readonly name = 'SearchThrottled';
  readonly retryAfterSeconds: number;
  constructor(retryAfterSeconds: number) {
    super(`Too many directory searches. Try again in ${retryAfterSeconds} seconds.`);
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

export class SignupThrottled extends DomainError {
  override readonly name = 'SignupThrottled';
  readonly retryAfterSeconds: number;
  constructor(retryAfterSeconds: number) {
    super(`Too many new accounts from this network. Try again in ${retryAfterSeconds} seconds.`);
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

export class InvalidRefreshToken extends DomainError {
  override readonly name = 'InvalidRefreshToken';
  constructor() {
    super('The refresh token is not valid, has expired or was revoked. Sign in again.');
  }
}

export class RefreshTokenReused extends DomainError {
  override readonly name = 'RefreshTokenReused';
  constructor() {
    super('This refresh token was already used. The session has been ended for safety; sign in again.');
  }
}

export class UserNotFound extends DomainError {
  override readonly name = 'UserNotFound';
  constructor() {
    super('No such user.');
  }
}

export class SessionNotFound extends DomainError {
  override readonly name = 'SessionNotFound';
  constructor() {
    super('No such session.');
  }
}

export class CannotAddSelf extends DomainError {
  override readonly name = 'CannotAddSelf';
  constructor() {
    super('You cannot add yourself as a contact.');
  }
}

export class CannotBlockSelf extends DomainError {
  override readonly name = 'CannotBlockSelf';
  constructor() {
    super('You cannot block yourself.');
  }
}

export class TooManyContacts extends DomainError {
  override readonly name = 'TooManyContacts';
  constructor(limit: number) {
    super(`A contact list holds at most ${limit} people.`);
  }
}

export class TooManyBlocks extends DomainError {
  override readonly name = 'TooManyBlocks';
  constructor(limit: number) {
    super(`You can block at most ${limit} people.`);
  }
}

export class AvatarNotUploaded extends DomainError {
  override readonly name = 'AvatarNotUploaded';
  constructor(reason: string) {
    super(`The avatar cannot be used: ${reason}`);
  }
}

export class InvalidCursor extends DomainError {
  override readonly name = 'InvalidCursor';
  constructor() {
    super('The cursor is not valid for this query. Start again without it.');
  }
}

export class VerificationCodeInvalid extends DomainError {
  override readonly name = 'VerificationCodeInvalid';
  constructor() {
    super('The code is not correct or has expired. Check the SMS, or ask for a new code.');
  }
}

export class VerificationAttemptsExhausted extends DomainError {
  override readonly name = 'VerificationAttemptsExhausted';
  constructor() {
    super('Too many wrong codes. Ask for a new code.');
  }
}

export class VerificationResendThrottled extends DomainError {
  override readonly name = 'VerificationResendThrottled';
  readonly retryAfterSeconds: number;
  constructor(retryAfterSeconds: number) {
    super(`A code was sent a moment ago. Wait ${retryAfterSeconds} seconds before asking for another.`);
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

type LinkPurpose = 'password-reset' | 'email-verification';
const linkName = (purpose: LinkPurpose) => (purpose === 'password-reset' ? 'password reset' : 'verification');
const askAgain = (purpose: LinkPurpose) =>
  purpose === 'password-reset' ? 'Ask for a new password reset email.' : 'Ask for a new verification email.';

/** A mailed link's token that does not exist (mistyped, cut short, or for another purpose). */
export class EmailTokenInvalid extends DomainError {
  override readonly name = 'EmailTokenInvalid';
  constructor(purpose: LinkPurpose) {
    super(`This ${linkName(purpose)} link is not valid. ${askAgain(purpose)}`);
  }
}

/** A mailed link's token that was already used once. */
export class EmailTokenUsed extends DomainError {
  override readonly name = 'EmailTokenUsed';
  constructor(purpose: LinkPurpose) {
    super(`This ${linkName(purpose)} link was already used. ${askAgain(purpose)}`);
  }
}

/** A mailed link's token past its expiry (30 minutes for a password reset, 24 hours for verification). */
export class EmailTokenExpired extends DomainError {
  override readonly name = 'EmailTokenExpired';
  constructor(purpose: LinkPurpose) {
    super(`This ${linkName(purpose)} link has expired. ${askAgain(purpose)}`);
  }
}

export class PasswordResetThrottled extends DomainError {
  override readonly name = 'PasswordResetThrottled';
  readonly retryAfterSeconds: number;
  constructor(retryAfterSeconds: number) {
    super(`Too many password reset requests. Try again in ${retryAfterSeconds} seconds.`);
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

export class VerificationEmailThrottled extends DomainError {
  override readonly name = 'VerificationEmailThrottled';
  readonly retryAfterSeconds: number;
  constructor(retryAfterSeconds: number) {
    super(`A verification email was sent a moment ago. Try again in ${retryAfterSeconds} seconds.`);
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

export class EmailAlreadyVerified extends DomainError {
  override readonly name = 'EmailAlreadyVerified';
  constructor() {
    super('Your email address is already verified.');
  }
}
