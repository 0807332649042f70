import { GetParameterCommand, type SSMClient } from '@aws-sdk/client-ssm';
import { refreshing } from '@parley/lambda/refreshing';
import * as z from 'zod';

const Jwk = z.record(z.string(), z.unknown());

/** The SSM SecureString `/parley/<stage>/identity/signing-keys` (written by devstack or the setup script). */
export const SigningKeySet = z.object({
  activeKid: z.string().min(1),
  keys: z.array(z.object({ kid: z.string().min(1), privateJwk: Jwk, publicJwk: Jwk, createdAt: z.string() })).min(1),
});
export type SigningKeySet = z.infer<typeof SigningKeySet>;

/**
 * Reads the signing keys from SSM Parameter Store (decrypted) and caches them for `ttlMs`, so a
 * rotation (new key added, then `activeKid` switched) reaches every function within that time.
 */
export function ssmSigningKeys(client: SSMClient, name: string, ttlMs = 5 * 60_000): () => Promise<SigningKeySet> {
  return refreshing(ttlMs, async () => {
    const out = await client.send(new GetParameterCommand({ Name: name, WithDecryption: true }));
    const value = out.Parameter?.Value;
    if (!value) throw new Error(`SSM parameter ${name} has no value`);
    const set = SigningKeySet.parse(JSON.parse(value));
    if (!set.keys.some((k) => k.kid === set.activeKid))
      throw new Error(`activeKid ${set.activeKid} is not among the keys`);
    return set;
  });
}
