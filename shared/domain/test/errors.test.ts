import { describe, expect, it } from 'vitest';
import { DomainError } from '../src/errors.ts';

class ThingNotFound extends DomainError {
  override readonly name = 'ThingNotFound';
}

describe('DomainError', () => {
  it('given a subclass, when thrown, then it is an Error with its own name and message', () => {
    const error = new ThingNotFound('No such thing.');
    expect(error).toBeInstanceOf(Error);
    expect(error).toBeInstanceOf(DomainError);
    expect(error.name).toBe('ThingNotFound');
    expect(error.message).toBe('No such thing.');
    expect(String(error)).toBe('ThingNotFound: No such thing.');
  });

  it('given details, when built, then it carries them; without, then it has none', () => {
    expect(new ThingNotFound('x', [{ id: 't-1' }]).details).toEqual([{ id: 't-1' }]);
    expect(new ThingNotFound('x')).not.toHaveProperty('details');
  });
});
