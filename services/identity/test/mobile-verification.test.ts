import { MobileVerificationRequested, ProfileUpdated } from '@parley/events/identity';
import { describe, expect, it } from 'vitest';
import { register } from '../src/domain/accounts.ts';
import {
  VerificationAttemptsExhausted,
  VerificationCodeInvalid,
  VerificationResendThrottled,
} from '../src/domain/errors.ts';
import { confirmMobileVerification, requestMobileVerification } from '../src/domain/mobile-verification.ts';
import { getMe, updateMe } from '../src/domain/profile.ts';
import { ProfileChanges } from '../src/domain/profile-fields.ts';
import { testDeps } from './support/memory.ts';

const NUMBER = '+41791234567';

async function signedUp() {
  const deps = await testDeps();
  const { user } = await register(deps, {
    email: 'ana@example.com',
    password: 'correct horse battery',
    displayName: 'Ana',
  });
  return { deps, userId: user.id };
}

type Deps = Awaited<ReturnType<typeof signedUp>>['deps'];

function lastCode(deps: Deps): string {
  const event = deps.events.ofType(MobileVerificationRequested.detailType).at(-1);
  if (!event) throw new Error('no MobileVerificationRequested was published');
  return (event.data as { code: string }).code;
}

const wrongCode = (code: string) => (code === '000000' ? '111111' : '000000');

describe('mobile number verification', () => {
  it('given a request, when it is made, then a 6-digit code is published for that number, stored only as a hash, and the profile is unchanged', async () => {
    const { deps, userId } = await signedUp();

    await requestMobileVerification(deps, { userId, mobileNumber: NUMBER });

    const [event] = deps.events.ofType(MobileVerificationRequested.detailType);
    expect(event?.data).toMatchObject({ userId, mobileNumber: NUMBER, code: expect.stringMatching(/^\d{6}$/) });
    expect(event?.options?.audience).toBeUndefined();
    const stored = deps.verifications.items.get(userId);
    expect(JSON.stringify(stored)).not.toContain(lastCode(deps));
    expect(await getMe(deps, { userId })).toMatchObject({ mobileVerified: false });
    expect((await getMe(deps, { userId })).mobileNumber).toBeUndefined();
  });

  it('given the right code, when it is confirmed, then the number is verified and ProfileUpdated says so', async () => {
    const { deps, userId } = await signedUp();
    await requestMobileVerification(deps, { userId, mobileNumber: NUMBER });

    const result = await confirmMobileVerification(deps, { userId, code: lastCode(deps) });

    expect(result).toEqual({ mobileNumber: NUMBER, mobileVerified: true });
    expect(await getMe(deps, { userId })).toMatchObject({ mobileNumber: NUMBER, mobileVerified: true });
    expect(deps.events.ofType(ProfileUpdated.detailType).at(-1)?.data).toMatchObject({
      mobileNumber: NUMBER,
      mobileVerified: true,
    });
  });

  it('given a wrong code, when it is confirmed, then VerificationCodeInvalid and nothing is verified', async () => {
    const { deps, userId } = await signedUp();
    await requestMobileVerification(deps, { userId, mobileNumber: NUMBER });

    await expect(confirmMobileVerification(deps, { userId, code: wrongCode(lastCode(deps)) })).rejects.toBeInstanceOf(
      VerificationCodeInvalid,
    );
    expect(await getMe(deps, { userId })).toMatchObject({ mobileVerified: false });
  });

  it('given five wrong tries, when a sixth (even the right code) is made, then VerificationAttemptsExhausted', async () => {
    const { deps, userId } = await signedUp();
    await requestMobileVerification(deps, { userId, mobileNumber: NUMBER });
    const code = lastCode(deps);

    for (let i = 0; i < 5; i++) {
      await expect(confirmMobileVerification(deps, { userId, code: wrongCode(code) })).rejects.toBeInstanceOf(
        VerificationCodeInvalid,
      );
    }
    await expect(confirmMobileVerification(deps, { userId, code })).rejects.toBeInstanceOf(
      VerificationAttemptsExhausted,
    );
  });

  it('given a code older than 10 minutes, when it is confirmed, then VerificationCodeInvalid', async () => {
    const { deps, userId } = await signedUp();
    await requestMobileVerification(deps, { userId, mobileNumber: NUMBER });
    deps.clock.advance(10 * 60 + 1);

    await expect(confirmMobileVerification(deps, { userId, code: lastCode(deps) })).rejects.toBeInstanceOf(
      VerificationCodeInvalid,
    );
  });

  it('given a code sent seconds ago, when another is asked for, then VerificationResendThrottled; after a minute a new code replaces it', async () => {
    const { deps, userId } = await signedUp();
    await requestMobileVerification(deps, { userId, mobileNumber: NUMBER });
    const first = lastCode(deps);

    await expect(requestMobileVerification(deps, { userId, mobileNumber: NUMBER })).rejects.toBeInstanceOf(
      VerificationResendThrottled,
    );
    deps.clock.advance(61);
    await requestMobileVerification(deps, { userId, mobileNumber: '+41797654321' });
    const second = lastCode(deps);

    if (first !== second) {
      await expect(confirmMobileVerification(deps, { userId, code: first })).rejects.toBeInstanceOf(
        VerificationCodeInvalid,
      );
    }
    expect(await confirmMobileVerification(deps, { userId, code: second })).toEqual({
      mobileNumber: '+41797654321',
      mobileVerified: true,
    });
  });

  it('given a verified number, when PATCH /me changes it, then it is unverified again', async () => {
    const { deps, userId } = await signedUp();
    await requestMobileVerification(deps, { userId, mobileNumber: NUMBER });
    await confirmMobileVerification(deps, { userId, code: lastCode(deps) });

    const after = await updateMe(deps, { userId, changes: ProfileChanges.parse({ mobileNumber: '+6591234567' }) });

    expect(after).toMatchObject({ mobileNumber: '+6591234567', mobileVerified: false });
    expect(deps.events.ofType(ProfileUpdated.detailType).at(-1)?.data).toMatchObject({ mobileVerified: false });
  });
});
