import { describe, expect, it } from 'vitest';
import { ApiError } from './api-client.ts';
import { errorMessage, refusalMessage, sendErrorMessage } from './errors.ts';
import { translator } from './i18n.ts';

const en = translator('en');
const es = translator('es');
const FORMS = en('error.validation_failed');

describe('why a message was not sent', () => {
  it('given a refusal for validation, then it says the server’s reason, not the forms’ “check the highlighted fields”', () => {
    expect(refusalMessage(en, { code: 'validation_failed', message: 'text must be at most 4000 characters' })).toBe(
      'text must be at most 4000 characters',
    );
    expect(refusalMessage(en, { code: 'validation_failed', message: '' })).toBe('The server refused this message.');
    expect(refusalMessage(es, { code: 'validation_failed', message: '' })).toBe('El servidor rechazó este mensaje.');
  });

  it('given a known refusal, then it is translated', () => {
    expect(refusalMessage(es, { code: 'blocked', message: 'blocked' })).toBe(es('error.blocked'));
  });

  it('given a send refused for validation, then the composer says the same, while forms keep their sentence', () => {
    const refused = new ApiError(422, 'validation_failed', 'attachments: at most 10');

    expect(sendErrorMessage(en, refused)).toBe('attachments: at most 10');
    expect(sendErrorMessage(en, refused)).not.toBe(FORMS);
    expect(errorMessage(en, refused)).toBe(FORMS);
    expect(sendErrorMessage(en, new ApiError(429, 'too_many_requests', 'slow down'))).toBe(en('error.throttled'));
  });
});
