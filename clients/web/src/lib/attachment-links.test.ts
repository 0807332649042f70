import { describe, expect, it } from 'vitest';
import { AttachmentLinks, DEFAULT_LINK_LIFETIME_MS, LINK_MARGIN_MS, linkExpiry } from './attachment-links.ts';

describe('attachment links', () => {
  it('reads a presigned URL’s lifetime from X-Amz-Expires, counted from when it arrived', () => {
    expect(linkExpiry('https://s3.test/k?X-Amz-Date=20200101T000000Z&X-Amz-Expires=300&X-Amz-Signature=x', 1_000)).toBe(
      301_000,
    );
    expect(linkExpiry('https://s3.test/k', 1_000)).toBe(1_000 + DEFAULT_LINK_LIFETIME_MS);
  });

  it('reuses a link while it has time left and asks again before it expires', async () => {
    // Given links over a port that hands out numbered URLs, on a clock the test moves
    let now = 0;
    const asked: string[] = [];
    const links = new AttachmentLinks(
      async (id) => {
        asked.push(id);
        return `https://s3.test/${id}?X-Amz-Expires=300&n=${asked.length}`;
      },
      () => now,
    );

    // When the same attachment is asked for twice at once, and again 3 minutes later
    const [first, again] = await Promise.all([links.get('a1'), links.get('a1')]);
    now = 3 * 60_000;
    const later = await links.get('a1');

    // Then one request served all three
    expect(asked).toEqual(['a1']);
    expect(again.url).toBe(first.url);
    expect(later.url).toBe(first.url);

    // When less than the margin is left, a new link is fetched
    now = 300_000 - LINK_MARGIN_MS + 1;
    const fresh = await links.get('a1');
    expect(fresh.url).toContain('n=2');
    expect(fresh.expiresAt).toBe(now + 300_000);
  });

  it('asks again after a link failed to load, and after a failed request', async () => {
    let n = 0;
    let fail = true;
    const links = new AttachmentLinks(async () => {
      n += 1;
      if (fail) throw new Error('offline');
      return `https://s3.test/x?n=${n}`;
    });
    await expect(links.get('x')).rejects.toThrow('offline');
    fail = false;
    const first = await links.get('x');
    links.drop('x', 'https://s3.test/other');
    expect((await links.get('x')).url).toBe(first.url);
    links.drop('x', first.url);
    expect((await links.get('x')).url).not.toBe(first.url);
  });
});
