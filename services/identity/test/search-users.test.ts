import { describe, expect, it } from 'vitest';
import { register } from '../src/domain/accounts.ts';
import { directoryTerms } from '../src/domain/directory.ts';
import { SearchThrottled } from '../src/domain/errors.ts';
import { searchUsers } from '../src/domain/search-users.ts';
import { SEARCH_THROTTLE } from '../src/domain/throttle.ts';
import { testDeps } from './support/memory.ts';

async function directory(names: [string, string][]) {
  const deps = await testDeps();
  const ids: Record<string, string> = {};
  for (const [displayName, email] of names) {
    ids[displayName] = (await register(deps, { email, password: 'a fine passphrase', displayName })).user.id;
  }
  return { deps, ids };
}

type Deps = Awaited<ReturnType<typeof testDeps>>;
const finder =
  (deps: Deps, userId = 'searcher') =>
  async (q: string) =>
    (await searchUsers(deps, { userId, query: q, limit: 20 })).items.map((u) => u.displayName);

describe('directory search', () => {
  it('finds by prefix of the display name or of a later word of it, ignoring case and accents', async () => {
    const { deps } = await directory([
      ['José Álvarez', 'jose@example.com'],
      ['Anna Smith', 'a.smith@example.com'],
      ['Chen Wei', 'wei@example.sg'],
    ]);
    const find = finder(deps);
    expect(await find('ALV')).toEqual(['José Álvarez']);
    expect(await find('jos')).toEqual(['José Álvarez']);
    expect(await find('smi')).toEqual(['Anna Smith']);
    expect(await find('zzz')).toEqual([]);
  });

  it('never matches a prefix of an email, only the whole address (any case)', async () => {
    const { deps } = await directory([
      ['Anna Smith', 'a.smith@example.com'],
      ['Chen Wei', 'wei@example.sg'],
    ]);
    const find = finder(deps);
    for (const prefix of ['a.sm', 'a.smith', 'a.smith@', 'a.smith@example.co', 'wei@', 'wei@example', 'example'])
      expect(await find(prefix), prefix).toEqual([]);
    expect(await find('a.smith@example.com')).toEqual(['Anna Smith']);
    expect(await find('  WEI@Example.SG ')).toEqual(['Chen Wei']);
    expect(await find('nobody@example.com')).toEqual([]);
  });

  it('given directory entries stored by email (before email terms were dropped), then they find nobody', async () => {
    const { deps, ids } = await directory([['Bond', 'secret.agent@example.com']]);
    deps.users.plantEntry('secret.agent@example.com', ids.Bond as string);
    expect(await finder(deps)('secret')).toEqual([]);
    expect(await finder(deps)('bon')).toEqual(['Bond']);
  });

  it('given a repository that still reports a user by a stored email term, then the search drops it', async () => {
    const { deps, ids } = await directory([['Bond', 'secret.agent@example.com']]);
    const bond = await deps.users.get(ids.Bond as string);
    const leaky = { ...deps, users: { ...deps.users, search: async () => ({ users: bond ? [bond] : [] }) } };
    expect((await searchUsers(leaky, { userId: 'searcher', query: 'secret', limit: 5 })).items).toEqual([]);
    expect((await searchUsers(leaky, { userId: 'searcher', query: 'bo', limit: 5 })).items).toHaveLength(1);
  });

  it('returns public fields and the email domain only (never the address), by name and by email', async () => {
    const { deps } = await directory([['Anna Smith', 'anna@example.com']]);
    for (const query of ['anna', 'anna@example.com']) {
      const [item] = (await searchUsers(deps, { userId: 'searcher', query, limit: 5 })).items;
      expect(Object.keys(item ?? {}).sort()).toEqual(['displayName', 'emailDomain', 'id']);
      expect(item?.emailDomain).toBe('example.com');
    }
  });

  it('tells two people with one name apart by their email domains', async () => {
    const { deps } = await directory([
      ['Maria Garcia', 'maria@uni.example'],
      ['Maria Garcia', 'mgarcia@shop.example'],
    ]);
    const { items } = await searchUsers(deps, { userId: 'searcher', query: 'maria', limit: 5 });
    expect(items.map((i) => i.emailDomain).sort()).toEqual(['shop.example', 'uni.example']);
  });

  it('pages with a cursor and reports each user once even when several of its terms match', async () => {
    const people: [string, string][] = Array.from({ length: 7 }, (_, i) => [`Sam Sample ${i}`, `sam${i}@example.com`]);
    const { deps } = await directory(people);
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await searchUsers(deps, {
        userId: 'searcher',
        query: 'sam',
        limit: 3,
        ...(cursor ? { cursor } : {}),
      });
      seen.push(...page.items.map((u) => u.id));
      cursor = page.nextCursor;
      pages++;
    } while (cursor && pages < 20);
    expect(seen).toHaveLength(7);
    expect(new Set(seen).size).toBe(7);
  });

  it('derives terms from the name and its later words, never from the email', () => {
    expect(directoryTerms({ displayName: 'Zoë  van Dijk' })).toEqual(['dijk', 'van', 'zoe van dijk']);
    expect(directoryTerms({ displayName: 'Zoë', email: 'z@x.ch' } as { displayName: string })).toEqual(['zoe']);
  });
});

describe('directory search throttling', () => {
  it(`given ${SEARCH_THROTTLE.perUser} searches in a minute, then the next is SearchThrottled until the minute ends; others are not affected`, async () => {
    const { deps } = await directory([['Anna Smith', 'anna@example.com']]);
    const search = (userId: string, query = 'anna') => searchUsers(deps, { userId, query, limit: 5 });
    // start of a minute, so that all the searches fall in one window
    deps.clock.advance((60_000 - (deps.clock.now().getTime() % 60_000)) / 1000);
    for (let i = 0; i < SEARCH_THROTTLE.perUser; i++) {
      await search('scraper', i % 2 ? 'anna' : `guess${i}@example.com`);
    }
    deps.clock.advance(20);
    const refused = await search('scraper').catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(SearchThrottled);
    expect((refused as SearchThrottled).retryAfterSeconds).toBe(40);
    await expect(search('scraper', 'anna@example.com')).rejects.toBeInstanceOf(SearchThrottled);
    await expect(search('colleague')).resolves.toHaveProperty('items');
    deps.clock.advance(40);
    expect((await search('scraper')).items).toHaveLength(1);
  });
});
