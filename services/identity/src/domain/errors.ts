/** Domain errors: named, without HTTP status. Handlers map them (see each handler's `errors`). */

export class EmailTaken extends Error {
  override name = 'EmailTaken';
  constructor() {
    super('An account with this email already exists. Sign in instead.');
  }
}

export class PasswordTooCommon extends Error {
  override name = 'PasswordTooCommon';
  constructor() {
    super('This password is one of the most common ones and easy to guess. Choose another.');
  }
}

export class InvalidCredentials extends Error {
  override name = 'InvalidCredentials';
  constructor() {
    super('The email or password is not correct.');
  }
}

export class LoginThrottled extends Error {
  override name = 'LoginThrottled';
  readonly retryAfterSeconds: number;
  constructor(retryAfterSeconds: number) {
    super(`Too many failed sign-ins. Try again in ${retryAfterSeconds} seconds.`);
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

export class InvalidRefreshToken extends Error {
  override name = 'InvalidRefreshToken';
  constructor() {
    super('The refresh token is not valid, has expired or was revoked. Sign in again.');
  }
}

export class RefreshTokenReused extends Error {
  override name = 'RefreshTokenReused';
  constructor() {
    super('This refresh token was already used. The session has been ended for safety; sign in again.');
  }
}

export class UserNotFound extends Error {
  override name = 'UserNotFound';
  constructor() {
    super('No such user.');
  }
}

export class SessionNotFound extends Error {
  override name = 'SessionNotFound';
  constructor() {
    super('No such session.');
  }
}

export class CannotAddSelf extends Error {
  override name = 'CannotAddSelf';
  constructor() {
    super('You cannot add yourself as a contact.');
  }
}

export class TooManyContacts extends Error {
  override name = 'TooManyContacts';
  constructor(limit: number) {
    super(`A contact list holds at most ${limit} people.`);
  }
}

export class AvatarNotUploaded extends Error {
  override name = 'AvatarNotUploaded';
  constructor(reason: string) {
    super(`The avatar cannot be used: ${reason}`);
  }
}

/** Status of every domain error, for handlers that want them all. */
export const identityErrors = {
  EmailTaken: 409,
  PasswordTooCommon: 400,
  InvalidCredentials: 401,
  LoginThrottled: 429,
  InvalidRefreshToken: 401,
  RefreshTokenReused: 401,
  UserNotFound: 404,
  SessionNotFound: 404,
  CannotAddSelf: 422,
  TooManyContacts: 422,
  AvatarNotUploaded: 422,
  InvalidCursor: 400,
} as const;

export class InvalidCursor extends Error {
  override name = 'InvalidCursor';
  constructor() {
    super('The cursor is not valid for this query. Start again without it.');
  }
}
