// biome-ignore-all lint/suspicious/noExplicitAny: test responses are read field by field
import { randomBytes } from 'node:crypto';
import { GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { devstackClients } from '@parley/testing/devstack-clients';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { api, devstackUrl } from '../support/http.ts';
import { postToIdentityFrom, someAddress } from '../support/identity-direct.ts';
import { registerUser } from '../support/users.ts';

// The fixes of the identity attack run, against the running stack: the directory gives no email
// away (not by prefix, not through entries stored by older code) and throttles searches; failed
// sign-ins from one address never lock the account for another; easy passwords are refused.

const devstack = inject('devstack');
const aws = devstackClients(devstack);
afterAll(() => aws.destroy());
const identity = () => api('identity');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** POST /auth/login from `localAddress` (see postToIdentityFrom). */
const loginFrom = (localAddress: string, body: { email: string; password: string }) =>
  postToIdentityFrom(devstack, localAddress, '/auth/login', body);

const ids = (res: { body: any }) => (res.body.items as { id: string }[]).map((i) => i.id);

describe('identity hardening: the directory gives no email away', () => {
  it('matches names by prefix, an email only whole (any case), and never a prefix of an email', async () => {
    const call = identity();
    const tag = randomBytes(4).toString('hex');
    const alice = await registerUser(devstackUrl(), {
      email: `anna.quiet-${tag}@parley.test`,
      displayName: `Hardening${tag} Alice`,
    });
    const bob = await registerUser(devstackUrl());
    const token = bob.tokens.accessToken;
    const search = (q: string) => call('GET', `/users?q=${encodeURIComponent(q)}`, { token });

    for (const prefix of [`anna.quiet-${tag}`, `anna.quiet-${tag}@`, `anna.quiet-${tag}@parley.tes`, `quiet-${tag}`]) {
      const res = await search(prefix);
      expect(res.status, prefix).toBe(200);
      expect(ids(res), prefix).not.toContain(alice.user.id);
    }
    expect(ids(await search(`hardening${tag}`))).toEqual([alice.user.id]);
    const exact = await search(alice.email.toUpperCase());
    // the address found whole answers the person, with the email's domain only (never its local part)
    expect(exact.body.items).toEqual([
      { id: alice.user.id, displayName: alice.user.displayName, emailDomain: alice.email.split('@')[1] },
    ]);
    expect(JSON.stringify(exact.body)).not.toContain(alice.email.split('@')[0]);
  });

  it('given a directory entry by email stored by older code, then a prefix of the email still finds nobody', async () => {
    const call = identity();
    const tag = randomBytes(4).toString('hex');
    const carol = await registerUser(devstackUrl(), { email: `carol.legacy-${tag}@parley.test` });
    // what registration wrote before email terms were dropped: one entry per term, the email among them
    const term = carol.email;
    const terms = [term, carol.user.displayName.toLowerCase()];
    await aws.dynamodb.send(
      new PutItemCommand({
        TableName: `parley-identity-${devstack.stage}`,
        Item: {
          pk: { S: `dir#${term[0]}` },
          sk: { S: `${term}#${carol.user.id}` },
          shard: { S: term[0] as string },
          term: { S: term },
          userId: { S: carol.user.id },
          terms: { L: terms.map((t) => ({ S: t })) },
          __edb_e__: { S: 'directoryEntry' },
          __edb_v__: { S: '1' },
        },
      }),
    );
    const dave = await registerUser(devstackUrl());
    for (const prefix of [`carol.legacy-${tag}`, `carol.legacy-${tag}@parl`]) {
      const res = await call('GET', `/users?q=${encodeURIComponent(prefix)}`, { token: dave.tokens.accessToken });
      expect(res.status).toBe(200);
      expect(ids(res), prefix).not.toContain(carol.user.id);
    }
    // the next profile change deletes the entry
    const renamed = await call('PATCH', '/me', {
      token: carol.tokens.accessToken,
      body: { displayName: 'Carol Renamed' },
    });
    expect(renamed.status).toBe(200);
    const key = { pk: { S: `dir#${term[0]}` }, sk: { S: `${term}#${carol.user.id}` } };
    const left = await aws.dynamodb.send(
      new GetItemCommand({ TableName: `parley-identity-${devstack.stage}`, Key: key, ConsistentRead: true }),
    );
    expect(left.Item).toBeUndefined();
  });

  it('given 30 searches in a minute, then the 31st is 429 search_throttled with Retry-After; other users search on', async () => {
    const call = identity();
    const [scraper, colleague] = await Promise.all([registerUser(devstackUrl()), registerUser(devstackUrl())]);
    // the limit counts per calendar minute: start early in one so that the 31 searches share it
    const intoMinute = Date.now() % 60_000;
    if (intoMinute > 40_000) await sleep(60_500 - intoMinute);
    const statuses: number[] = [];
    for (let i = 0; i < 30; i++) {
      const q = i % 2 ? `guess${i}@parley.test` : `a${i}`;
      statuses.push(
        (await call('GET', `/users?q=${encodeURIComponent(q)}`, { token: scraper.tokens.accessToken })).status,
      );
    }
    expect(statuses).toEqual(Array(30).fill(200));
    const refused = await call('GET', '/users?q=anna', { token: scraper.tokens.accessToken });
    expect(refused.status).toBe(429);
    expect(refused.body.error.code).toBe('search_throttled');
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect((await call('GET', '/users?q=anna', { token: colleague.tokens.accessToken })).status).toBe(200);
  }, 120_000);
});

describe('identity hardening: nobody can lock another person out', () => {
  it('given two addresses throttled after 5 wrong passwords each, then the right password from a third address signs in', async () => {
    const alice = await registerUser(devstackUrl());
    // 10 failures in all: the old per-account limit, which locked the account for everyone
    for (const attacker of [someAddress(), someAddress()]) {
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++)
        statuses.push((await loginFrom(attacker, { email: alice.email, password: `wrong guess ${i}` })).status);
      expect(statuses).toEqual(Array(5).fill(401));
      const next = await loginFrom(attacker, { email: alice.email, password: 'wrong guess 5' });
      expect(next.status).toBe(429);
      expect(next.body.error.code).toBe('login_throttled');
      expect(Number(next.retryAfter)).toBeGreaterThan(0);
      // the right password too, from the address that is waiting
      expect((await loginFrom(attacker, { email: alice.email, password: alice.password })).status).toBe(429);
    }
    const fromHome = await loginFrom(someAddress(), { email: alice.email, password: alice.password });
    expect(fromHome.status).toBe(200);
    const throughOrigin = await identity()('POST', '/auth/login', {
      body: { email: alice.email, password: alice.password },
    });
    expect(throughOrigin.status).toBe(200);
  }, 120_000);

  it('given 5 failures from one address, then each further attempt from it waits 1 s, then 2 s, then 4 s', async () => {
    const alice = await registerUser(devstackUrl());
    const from = someAddress();
    const wrong = () => loginFrom(from, { email: alice.email, password: 'not her password' });
    for (let i = 0; i < 5; i++) expect((await wrong()).status).toBe(401);
    for (const wait of [1, 2, 4]) {
      const refused = await wrong();
      expect(refused.status).toBe(429);
      expect(refused.retryAfter).toBe(String(wait));
      await sleep(wait * 1000 + 100);
      expect((await wrong()).status).toBe(401);
    }
  }, 120_000);
});

describe('identity hardening: easy passwords are refused at registration', () => {
  it('refuses repeated characters, spaces only, the service name and the account email with 400 password_too_common naming why', async () => {
    const call = identity();
    const tag = randomBytes(4).toString('hex');
    const email = `weak-${tag}@parley.test`;
    const cases: [string, string][] = [
      ['aaaaaaaa', 'repeated'],
      ['        ', 'whitespace'],
      ['parley123', 'context'],
      [email, 'personal'],
      [`Hardening ${tag}`, 'personal'],
    ];
    for (const [password, reason] of cases) {
      const res = await call('POST', '/auth/register', {
        body: { email, password, displayName: `Hardening ${tag}` },
      });
      expect(res.status, password).toBe(400);
      expect(res.body.error.code, password).toBe('password_too_common');
      expect(res.body.error.details, password).toEqual([{ path: ['password'], reason }]);
    }
    const ok = await call('POST', '/auth/register', {
      body: { email, password: 'correct horse battery', displayName: `Hardening ${tag}` },
    });
    expect(ok.status).toBe(201);
  });
});
