import { GetParameterCommand, type SSMClient } from '@aws-sdk/client-ssm';
import { refreshing } from './refreshing.ts';

/**
 * Reads one SSM parameter on first use and keeps it for `ttlMs` (a changed configuration reaches
 * every function within that time); a failed read is not kept.
 */
export function ssmParameter(client: Pick<SSMClient, 'send'>, name: string, ttlMs = 5 * 60_000): () => Promise<string> {
  return refreshing(ttlMs, async () => {
    const out = await client.send(new GetParameterCommand({ Name: name, WithDecryption: true }));
    const value = out.Parameter?.Value;
    if (!value) throw new Error(`SSM parameter ${name} has no value`);
    return value;
  });
}
