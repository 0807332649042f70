import { describe, expect, it } from 'vitest';
import { register } from '../src/domain/accounts.ts';
import { directoryTerms } from '../src/domain/directory.ts';
import { searchUsers } from '../src/domain/search-users.ts';
import { testDeps } from './support/memory.ts';

async function directory(names: [string, string][]) {
  const deps = await testDeps();
  const ids: Record<string, string> = {};
  for (const [displayName, email] of names) {
    ids[displayName] = (await register(deps, { email, password: 'a fine passphrase', displayName })).user.id;
  }
  return { deps, ids };
}

describe('directory search', () => {
  it('finds by prefix of the display name, of a later word of it, and of the email, ignoring case and accents', async () => {
    const { deps, ids } = await directory([
      ['José Álvarez', 'jose@example.com'],
      ['Anna Smith', 'a.smith@example.com'],
      ['Chen Wei', 'wei@example.sg'],
    ]);
    const find = async (q: string) =>
      (await searchUsers(deps, { query: q, limit: 20 })).items.map((u) => u.displayName);
    expect(await find('ALV')).toEqual(['José Álvarez']);
    expect(await find('smi')).toEqual(['Anna Smith']);
    expect(await find('a.sm')).toEqual(['Anna Smith']);
    expect(await find('wei@')).toEqual(['Chen Wei']);
    expect(await find('zzz')).toEqual([]);
    expect(ids['Chen Wei']).toBeDefined();
  });

  it('returns public fields only', async () => {
    const { deps } = await directory([['Anna Smith', 'anna@example.com']]);
    const [item] = (await searchUsers(deps, { query: 'anna', limit: 5 })).items;
    expect(Object.keys(item ?? {}).sort()).toEqual(['displayName', 'id']);
  });

  it('pages with a cursor and reports each user once even when several of its terms match', async () => {
    const people: [string, string][] = Array.from({ length: 7 }, (_, i) => [`Sam Sample ${i}`, `sam${i}@example.com`]);
    const { deps } = await directory(people);
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await searchUsers(deps, { query: 'sam', limit: 3, ...(cursor ? { cursor } : {}) });
      seen.push(...page.items.map((u) => u.id));
      cursor = page.nextCursor;
      pages++;
    } while (cursor && pages < 20);
    expect(seen).toHaveLength(7);
    expect(new Set(seen).size).toBe(7);
  });

  it('derives terms from the name, its later words and the email', () => {
    expect(directoryTerms({ displayName: 'Zoë  van Dijk', email: 'Z@x.ch' })).toEqual([
      'dijk',
      'van',
      'z@x.ch',
      'zoe van dijk',
    ]);
  });
});
