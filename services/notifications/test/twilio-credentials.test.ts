import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { twilioCredentials } from '../src/adapters/twilio-credentials.ts';

const PREFIX = '/parley/ci/twilio';
const VALUES: Record<string, string> = {
  [`${PREFIX}/account-sid`]: 'AC00000000000000000000000000000000',
  [`${PREFIX}/auth-token`]: 'secret-token',
  [`${PREFIX}/sms-from`]: 'MG00000000000000000000000000000000',
  [`${PREFIX}/whatsapp-from`]: '+15005550006',
};

describe('Twilio credentials from SSM', () => {
  const ssm = mockClient(SSMClient);
  const client = new SSMClient({ region: 'eu-central-1' });
  beforeEach(() => {
    ssm.reset();
  });

  it('given the four parameters under the prefix, when read, then they are the credentials, each read once (decrypted) for the container', async () => {
    ssm
      .on(GetParameterCommand)
      .callsFake(async (input: { Name: string }) => ({ Parameter: { Value: VALUES[input.Name] } }));
    const credentials = twilioCredentials(client, PREFIX);

    const expected = {
      accountSid: 'AC00000000000000000000000000000000',
      authToken: 'secret-token',
      smsFrom: 'MG00000000000000000000000000000000',
      whatsappFrom: '+15005550006',
    };
    expect(await credentials()).toEqual(expected);
    expect(await credentials()).toEqual(expected);
    const calls = ssm.commandCalls(GetParameterCommand).map((c) => c.args[0].input);
    expect(calls).toHaveLength(4);
    expect(calls.map((i) => i.Name).sort()).toEqual(Object.keys(VALUES).sort());
    expect(calls.every((i) => i.WithDecryption === true)).toBe(true);
  });

  it('given a missing parameter, when read, then it fails naming it, and a later read tries SSM again', async () => {
    let missing = true;
    ssm.on(GetParameterCommand).callsFake(async (input: { Name: string }) => {
      if (missing && input.Name.endsWith('/auth-token'))
        throw Object.assign(new Error('not found'), { name: 'ParameterNotFound' });
      return { Parameter: { Value: VALUES[input.Name] } };
    });
    const credentials = twilioCredentials(client, PREFIX);

    await expect(credentials()).rejects.toThrow('not found');
    missing = false;
    expect((await credentials()).authToken).toBe('secret-token');
    // only the failed one is read again: the others were kept
    expect(ssm.commandCalls(GetParameterCommand)).toHaveLength(5);
  });
});
