import { describe, expect, it } from 'vitest';
import { login, register } from '../src/domain/accounts.ts';
import { InvalidCredentials, LoginThrottled } from '../src/domain/errors.ts';
import { addressKeyOf, delayAfter, THROTTLE } from '../src/domain/throttle.ts';
import { testDeps } from './support/memory.ts';

const alice = { email: 'alice@example.com', password: 'correct horse battery', displayName: 'Alice Martin' };
const ATTACKER = '203.0.113.9';
const HOME = '198.51.100.7';

type Deps = Awaited<ReturnType<typeof testDeps>>;

async function withAlice(): Promise<Deps> {
  const deps = await testDeps();
  await register(deps, alice);
  // the start of a UTC day, so that no test crosses the (account, address) window
  deps.clock.advance((86_400_000 - (deps.clock.now().getTime() % 86_400_000)) / 1000);
  return deps;
}

const attempt = (deps: Deps, ipAddress: string, password: string, email = alice.email) =>
  login(deps, { email, password, ipAddress }).catch((e: unknown) => e);

const retryAfterOf = (e: unknown) => (e instanceof LoginThrottled ? e.retryAfterSeconds : undefined);

describe('sign-in throttling per (account, address)', () => {
  it('given 5 wrong passwords from one address, then each further attempt from it waits 1, 2, 4, 8 … s', async () => {
    const deps = await withAlice();
    for (let i = 0; i < THROTTLE.freeFailures; i++)
      expect(await attempt(deps, ATTACKER, `wrong ${i}`)).toBeInstanceOf(InvalidCredentials);
    for (const wait of [1, 2, 4, 8, 16]) {
      expect(retryAfterOf(await attempt(deps, ATTACKER, 'again'))).toBe(wait);
      // the right password is refused too while this address waits: nothing is checked before the wait ends
      expect(retryAfterOf(await attempt(deps, ATTACKER, alice.password))).toBe(wait);
      deps.clock.advance(wait);
      expect(await attempt(deps, ATTACKER, 'again')).toBeInstanceOf(InvalidCredentials);
    }
  });

  it('caps the delay at 15 minutes', () => {
    expect([0, 4, 5, 6, 14, 15, 40].map((n) => delayAfter(n, false))).toEqual([0, 0, 1, 2, 512, 900, 900]);
    expect(THROTTLE.maxDelaySeconds).toBe(900);
  });

  it('given an address throttled for an account, then the right password from another address signs in at once', async () => {
    const deps = await withAlice();
    for (let i = 0; i < 20; i++) await attempt(deps, ATTACKER, `guess ${i}`);
    expect(await attempt(deps, ATTACKER, 'guess')).toBeInstanceOf(LoginThrottled);
    await expect(login(deps, { ...alice, ipAddress: HOME })).resolves.toHaveProperty('tokens');
    // and from there a few typos of her own cost her nothing
    for (let i = 0; i < THROTTLE.freeFailures - 1; i++)
      expect(await attempt(deps, HOME, 'typo')).toBeInstanceOf(InvalidCredentials);
    await expect(login(deps, { ...alice, ipAddress: HOME })).resolves.toHaveProperty('tokens');
  });

  it('throttles an unknown email exactly like a known one (no enumeration)', async () => {
    const deps = await withAlice();
    for (let i = 0; i < THROTTLE.freeFailures; i++) {
      await attempt(deps, ATTACKER, 'guess', 'ghost@example.com');
      await attempt(deps, ATTACKER, 'guess');
    }
    const [ghost, known] = [
      await attempt(deps, ATTACKER, 'x', 'ghost@example.com'),
      await attempt(deps, ATTACKER, 'x'),
    ];
    expect(retryAfterOf(ghost)).toBe(1);
    expect(retryAfterOf(known)).toBe(1);
  });

  it('given a success, then that address starts again from zero failures for the account', async () => {
    const deps = await withAlice();
    for (let i = 0; i < THROTTLE.freeFailures - 1; i++) await attempt(deps, HOME, 'typo');
    await login(deps, { ...alice, ipAddress: HOME });
    for (let i = 0; i < THROTTLE.freeFailures - 1; i++) await attempt(deps, HOME, 'typo');
    await expect(login(deps, { ...alice, ipAddress: HOME })).resolves.toHaveProperty('user');
  });

  it('given two addresses of one IPv6 /64, then they share one count; IPv4-mapped addresses count as IPv4', async () => {
    const deps = await withAlice();
    for (let i = 0; i < THROTTLE.freeFailures; i++) await attempt(deps, `2001:db8:1:2::${i + 1}`, 'guess');
    expect(await attempt(deps, '2001:db8:1:2:ffff:1:2:3', 'guess')).toBeInstanceOf(LoginThrottled);
    expect(await attempt(deps, '2001:db8:1:3::1', 'guess')).toBeInstanceOf(InvalidCredentials);
    expect(addressKeyOf('2001:0db8:0001:0002:0000:0000:0000:0009')).toBe('2001:db8:1:2::/64');
    expect(addressKeyOf('::ffff:192.0.2.1')).toBe('192.0.2.1');
    expect(addressKeyOf('192.0.2.1')).toBe('192.0.2.1');
  });
});

describe('sign-in throttling per address and per account', () => {
  it('given many failures from one address across accounts, then that address is throttled until the window ends', async () => {
    const deps = await testDeps();
    for (let i = 0; i < THROTTLE.perAddress; i++) await attempt(deps, ATTACKER, 'guess', `user${i}@example.com`);
    const refused = await attempt(deps, ATTACKER, 'guess', 'fresh@example.com');
    expect(refused).toBeInstanceOf(LoginThrottled);
    expect(retryAfterOf(refused)).toBeLessThanOrEqual(THROTTLE.addressWindowSeconds);
    expect(await attempt(deps, HOME, 'guess', 'fresh@example.com')).toBeInstanceOf(InvalidCredentials);
  });

  it(`given ${THROTTLE.accountCeiling} failures against one account from many addresses, then each of them waits 15 min, while a new address is never refused`, async () => {
    const deps = await withAlice();
    for (let i = 0; i < THROTTLE.accountCeiling; i++) await attempt(deps, `192.0.2.${i}`, 'guess');
    expect(retryAfterOf(await attempt(deps, '192.0.2.7', 'guess'))).toBe(THROTTLE.maxDelaySeconds);
    expect(await attempt(deps, '192.0.2.200', 'guess')).toBeInstanceOf(InvalidCredentials);
    expect(await attempt(deps, '192.0.2.200', 'guess')).toBeInstanceOf(LoginThrottled);
    await expect(login(deps, { ...alice, ipAddress: HOME })).resolves.toHaveProperty('tokens');
  });

  it('below the account ceiling, one failure from an address costs it no wait', async () => {
    const deps = await withAlice();
    for (let i = 0; i < THROTTLE.accountCeiling - 2; i++) await attempt(deps, `192.0.2.${i}`, 'guess');
    expect(await attempt(deps, '192.0.2.7', 'guess')).toBeInstanceOf(InvalidCredentials);
  });
});
