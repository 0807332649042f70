import { describe, expect, it } from 'vitest';
import { register } from '../src/domain/accounts.ts';
import { SignupThrottled } from '../src/domain/errors.ts';
import { SIGNUP_THROTTLE, type SignupLimit } from '../src/domain/throttle.ts';
import { testDeps } from './support/memory.ts';

const ATTACKER = '203.0.113.9';
const OFFICE = '198.51.100.7';

type Deps = Awaited<ReturnType<typeof testDeps>>;

/** A fresh deps whose clock stands at the start of a sign-up window, so no test crosses one. */
async function atWindowStart(extra: { signupLimit?: SignupLimit } = {}) {
  const deps = { ...(await testDeps()), ...extra };
  const windowMs = SIGNUP_THROTTLE.windowSeconds * 1000;
  deps.clock.advance((windowMs - (deps.clock.now().getTime() % windowMs)) / 1000);
  return deps;
}

let n = 0;
const signUp = (deps: Deps & { signupLimit?: SignupLimit }, ipAddress?: string) => {
  n += 1;
  const email = `user${n}@example.com`;
  return register(deps, {
    email,
    password: 'a fine passphrase',
    displayName: `User ${n}`,
    ...(ipAddress ? { ipAddress } : {}),
  }).catch((e: unknown) => e);
};

describe('sign-up limit per client address', () => {
  it('given 5 sign-ups from one address, then the 6th is refused with the seconds left in the window, and no account', async () => {
    const deps = await atWindowStart();
    for (let i = 0; i < SIGNUP_THROTTLE.perAddress; i++) expect(await signUp(deps, ATTACKER)).toHaveProperty('user');
    deps.clock.advance(60);
    const refused = await signUp(deps, ATTACKER);
    expect(refused).toBeInstanceOf(SignupThrottled);
    expect((refused as SignupThrottled).retryAfterSeconds).toBe(SIGNUP_THROTTLE.windowSeconds - 60);
    expect(deps.users.all()).toHaveLength(SIGNUP_THROTTLE.perAddress);
  });

  it('counts each address on its own, and a new window starts afresh', async () => {
    const deps = await atWindowStart();
    for (let i = 0; i < SIGNUP_THROTTLE.perAddress; i++) await signUp(deps, ATTACKER);
    expect(await signUp(deps, ATTACKER)).toBeInstanceOf(SignupThrottled);
    expect(await signUp(deps, OFFICE)).toHaveProperty('user');
    deps.clock.advance(SIGNUP_THROTTLE.windowSeconds);
    expect(await signUp(deps, ATTACKER)).toHaveProperty('user');
  });

  it('treats one IPv6 /64 as one address', async () => {
    const deps = await atWindowStart();
    for (let i = 0; i < SIGNUP_THROTTLE.perAddress; i++) await signUp(deps, `2001:db8:1:2::${i + 1}`);
    expect(await signUp(deps, '2001:db8:1:2:ffff::9')).toBeInstanceOf(SignupThrottled);
  });

  it('follows a configured limit and never counts an unlimited address', async () => {
    const deps = await atWindowStart({
      signupLimit: { perAddress: 2, windowSeconds: 60, unlimitedAddresses: [OFFICE] },
    });
    await signUp(deps, ATTACKER);
    await signUp(deps, ATTACKER);
    expect(await signUp(deps, ATTACKER)).toBeInstanceOf(SignupThrottled);
    for (let i = 0; i < 10; i++) expect(await signUp(deps, `::ffff:${OFFICE}`)).toHaveProperty('user');
  });
});
