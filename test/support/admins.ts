import { createPrivateKey, sign } from 'node:crypto';
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import type { DevstackInfo } from '@parley/testing/devstack-info';
import type { RegisteredUser } from './users.ts';

/**
 * An admin for integration tests. Identity makes the first user of a stack (or one listed in
 * PARLEY_ADMIN_EMAILS) admin, and in a whole integration run some other test registers first. So,
 * as the operator of the stage would, this gives a registered user the `admin` role: it re-signs
 * their own access token (same session, same expiry) with `roles` raised, using the signing key
 * devstack keeps in its SSM emulator. The token passes the real authorizer like any other.
 */
export async function asAdmin(info: DevstackInfo, user: RegisteredUser): Promise<RegisteredUser> {
  if (user.user.roles.includes('admin')) return user;
  const ssm = new SSMClient({
    region: info.region,
    credentials: info.credentials,
    endpoint: info.endpoints.AWS_ENDPOINT_URL_SSM,
  });
  try {
    const out = await ssm.send(
      new GetParameterCommand({ Name: `/parley/${info.stage}/identity/signing-keys`, WithDecryption: true }),
    );
    const keys = JSON.parse(out.Parameter?.Value ?? '{}') as {
      activeKid: string;
      keys: { kid: string; privateJwk: Record<string, unknown> }[];
    };
    const [rawHeader, rawPayload] = user.tokens.accessToken.split('.') as [string, string];
    const header = JSON.parse(Buffer.from(rawHeader, 'base64url').toString('utf8')) as { kid?: string };
    const key = keys.keys.find((k) => k.kid === header.kid);
    if (!key) throw new Error(`no signing key ${header.kid} in devstack's SSM`);
    const payload = JSON.parse(Buffer.from(rawPayload, 'base64url').toString('utf8')) as Record<string, unknown>;
    const body = Buffer.from(JSON.stringify({ ...payload, roles: ['admin', 'user'] })).toString('base64url');
    const signingInput = `${rawHeader}.${body}`;
    const signature = sign('sha256', Buffer.from(signingInput), {
      key: createPrivateKey({ key: key.privateJwk as never, format: 'jwk' }),
      dsaEncoding: 'ieee-p1363',
    }).toString('base64url');
    return {
      ...user,
      user: { ...user.user, roles: ['admin', 'user'] },
      tokens: { ...user.tokens, accessToken: `${signingInput}.${signature}` },
    };
  } finally {
    ssm.destroy();
  }
}
