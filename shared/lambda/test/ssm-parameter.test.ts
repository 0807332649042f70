import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ssmParameter } from '../src/ssm-parameter.ts';

describe('ssmParameter', () => {
  const ssm = mockClient(SSMClient);
  const client = new SSMClient({ region: 'eu-central-1' });
  beforeEach(() => {
    ssm.reset();
    vi.useFakeTimers({ now: new Date('2026-12-03T08:00:00.000Z') });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('given a parameter, when read twice within the ttl, then SSM is asked once, decrypted; after the ttl, again', async () => {
    ssm
      .on(GetParameterCommand)
      .resolvesOnce({ Parameter: { Value: 'one' } })
      .resolves({ Parameter: { Value: 'two' } });
    const read = ssmParameter(client, '/parley/ci/x', 60_000);

    expect([await read(), await read()]).toEqual(['one', 'one']);
    expect(ssm.commandCalls(GetParameterCommand).map((c) => c.args[0].input)).toEqual([
      { Name: '/parley/ci/x', WithDecryption: true },
    ]);
    vi.advanceTimersByTime(60_001);
    expect(await read()).toBe('two');
    expect(ssm.commandCalls(GetParameterCommand)).toHaveLength(2);
  });

  it('given an empty or failed read, when read, then it throws naming the parameter and is not kept', async () => {
    ssm
      .on(GetParameterCommand)
      .resolvesOnce({ Parameter: {} })
      .rejectsOnce(new Error('ParameterNotFound'))
      .resolves({ Parameter: { Value: 'v' } });
    const read = ssmParameter(client, '/parley/ci/y');

    await expect(read()).rejects.toThrow('SSM parameter /parley/ci/y has no value');
    await expect(read()).rejects.toThrow('ParameterNotFound');
    expect(await read()).toBe('v');
    expect(ssm.commandCalls(GetParameterCommand)).toHaveLength(3);
  });
});
