import { describe, expect, it } from 'vitest';
import { HttpError, snakeCase, toErrorResponse } from '../src/errors.ts';

describe('toErrorResponse', () => {
  it('maps named domain errors through the map', () => {
    class NotAMember extends Error {
      override name = 'NotAMember';
    }
    expect(toErrorResponse(new NotAMember('You are not in this conversation.'), { NotAMember: 403 })).toEqual({
      status: 403,
      body: { error: { code: 'not_a_member', message: 'You are not in this conversation.' } },
    });
  });

  it('keeps HttpError details', () => {
    const res = toErrorResponse(new HttpError(400, 'validation_failed', 'bad', [{ path: 'x' }]));
    expect(res.body.error.details).toEqual([{ path: 'x' }]);
  });

  it('answers 500 with a generic message for anything unmapped', () => {
    const res = toErrorResponse(new TypeError('cannot read x of undefined'));
    expect(res.status).toBe(500);
    expect(res.body.error.message).not.toContain('undefined');
  });

  it('snake-cases error names', () => {
    expect(snakeCase('ConversationNotFoundError')).toBe('conversation_not_found');
  });
});
