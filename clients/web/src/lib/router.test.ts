import { describe, expect, it } from 'vitest';
import { parseRoute, routePath } from './router.ts';

describe('the router', () => {
  it('reads a chat with a message to show from #/c/<id>/m/<seq>', () => {
    expect(parseRoute('#/c/c%2F1/m/42')).toEqual({ view: 'chats', conversationId: 'c/1', seq: 42 });
    expect(parseRoute('#/c/c1')).toEqual({ view: 'chats', conversationId: 'c1' });
  });

  it('ignores a seq that is not a positive number', () => {
    expect(parseRoute('#/c/c1/m/0')).toEqual({ view: 'chats', conversationId: 'c1' });
    expect(parseRoute('#/c/c1/m/abc')).toEqual({ view: 'chats' });
    expect(parseRoute('#/c/c1/m/')).toEqual({ view: 'chats' });
  });

  it('writes the seq back into the path, and drops it when absent', () => {
    expect(routePath({ view: 'chats', conversationId: 'c/1', seq: 42 })).toBe('#/c/c%2F1/m/42');
    expect(routePath({ view: 'chats', conversationId: 'c1' })).toBe('#/c/c1');
    expect(routePath({ view: 'chats', seq: 42 })).toBe('#/');
    for (const hash of ['#/c/c1/m/7', '#/people', '#/settings', '#/']) expect(routePath(parseRoute(hash))).toBe(hash);
  });
});
