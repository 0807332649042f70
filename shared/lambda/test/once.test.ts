import { describe, expect, it } from 'vitest';
import { once } from '../src/once.ts';

describe('once', () => {
  it('given a builder, when called twice, then it builds once and returns the same value', () => {
    let builds = 0;
    const get = once(() => ({ n: ++builds }));
    expect(builds).toBe(0);
    const first = get();
    expect(get()).toBe(first);
    expect(builds).toBe(1);
  });

  it('given a builder that returns undefined, when called twice, then it still builds once', () => {
    let builds = 0;
    const get = once(() => {
      builds += 1;
      return undefined;
    });
    get();
    get();
    expect(builds).toBe(1);
  });

  it('given a builder that throws, when called again, then it retries (a failed build is not kept)', () => {
    let attempts = 0;
    const get = once(() => {
      attempts += 1;
      if (attempts === 1) throw new Error('not yet');
      return 'ok';
    });
    expect(() => get()).toThrow('not yet');
    expect(get()).toBe('ok');
  });
});
