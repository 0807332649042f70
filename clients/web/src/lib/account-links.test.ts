import { describe, expect, it } from 'vitest';
import { AVATAR_MAX_BYTES, avatarProblem } from './avatar-upload.ts';
import { directoryDetail } from './directory-detail.ts';
import { parseRoute, routePath } from './router.ts';

describe('the routes of mailed links', () => {
  it('reads #/reset?token= and #/verify?token=, and writes them back', () => {
    expect(parseRoute('#/reset?token=abc_DEF-123')).toEqual({ view: 'reset', token: 'abc_DEF-123' });
    expect(parseRoute('#/verify?token=xyz')).toEqual({ view: 'verify', token: 'xyz' });
    expect(parseRoute('#/reset')).toEqual({ view: 'chats' });
    expect(parseRoute('#/reset?other=1')).toEqual({ view: 'reset', token: '' });
    expect(routePath({ view: 'reset', token: 'abc' })).toBe('#/reset?token=abc');
    expect(parseRoute(routePath({ view: 'verify', token: 'a b' }))).toEqual({ view: 'verify', token: 'a b' });
  });

  it('leaves the other routes as they were', () => {
    expect(parseRoute('#/c/conv-1/m/42')).toEqual({ view: 'chats', conversationId: 'conv-1', seq: 42 });
    expect(parseRoute('#/people')).toEqual({ view: 'people' });
  });
});

describe('directory entries', () => {
  it('show the status message and the email domain, so two people of one name differ', () => {
    expect(directoryDetail({ emailDomain: 'uni.example' })).toBe('@uni.example');
    expect(directoryDetail({ statusMessage: 'On leave', emailDomain: 'shop.example' })).toBe(
      'On leave · @shop.example',
    );
    expect(directoryDetail({})).toBe('');
  });
});

describe('avatar files', () => {
  it('accepts PNG, JPEG and WebP up to 2 MB, and says why not otherwise', () => {
    expect(avatarProblem(new Blob(['x'], { type: 'image/png' }))).toBeUndefined();
    expect(avatarProblem(new Blob(['x'], { type: 'image/gif' }))).toBe('wrong-type');
    expect(avatarProblem(new Blob([new Uint8Array(AVATAR_MAX_BYTES + 1)], { type: 'image/jpeg' }))).toBe('too-large');
  });
});
