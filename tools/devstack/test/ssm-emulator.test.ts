import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetParameterCommand, GetParametersCommand, PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { close, listen } from '../src/http-util.ts';
import { SsmEmulator } from '../src/ssm-emulator.ts';

describe('SSM emulator, through the real SSMClient', () => {
  const dir = mkdtempSync(join(tmpdir(), 'devstack-ssm-'));
  const file = join(dir, 'ssm.json');
  let emulator: SsmEmulator;
  let ssm: SSMClient;

  beforeAll(async () => {
    emulator = new SsmEmulator(file, 'eu-central-1');
    const port = await listen(emulator.server, 0);
    ssm = new SSMClient({
      region: 'eu-central-1',
      endpoint: `http://127.0.0.1:${port}`,
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
  });
  afterAll(async () => {
    ssm.destroy();
    await close(emulator.server);
    rmSync(dir, { recursive: true, force: true });
  });

  it('given a stored SecureString, when read WithDecryption, then returns the value and its metadata', async () => {
    emulator.put('/parley/local/identity/signing-keys', '{"activeKid":"k1"}', 'SecureString');

    const { Parameter } = await ssm.send(
      new GetParameterCommand({ Name: '/parley/local/identity/signing-keys', WithDecryption: true }),
    );

    expect(Parameter).toMatchObject({
      Name: '/parley/local/identity/signing-keys',
      Type: 'SecureString',
      Value: '{"activeKid":"k1"}',
      Version: 1,
    });
    expect(Parameter?.LastModifiedDate).toBeInstanceOf(Date);
    expect(Parameter?.ARN).toBe('arn:aws:ssm:eu-central-1:000000000000:parameter/parley/local/identity/signing-keys');
  });

  it('given a SecureString, when read without decryption, then the clear value is not returned', async () => {
    const { Parameter } = await ssm.send(new GetParameterCommand({ Name: '/parley/local/identity/signing-keys' }));

    expect(Parameter?.Value).not.toContain('activeKid');
  });

  it('given no such parameter, when read, then the SDK raises ParameterNotFound', async () => {
    await expect(ssm.send(new GetParameterCommand({ Name: '/nope' }))).rejects.toMatchObject({
      name: 'ParameterNotFound',
    });
  });

  it('when PutParameter twice without Overwrite, then the second fails with ParameterAlreadyExists', async () => {
    const first = await ssm.send(new PutParameterCommand({ Name: '/a/b', Value: 'one', Type: 'String' }));
    expect(first.Version).toBe(1);

    await expect(
      ssm.send(new PutParameterCommand({ Name: '/a/b', Value: 'two', Type: 'String' })),
    ).rejects.toMatchObject({ name: 'ParameterAlreadyExists' });
    const second = await ssm.send(
      new PutParameterCommand({ Name: '/a/b', Value: 'two', Type: 'String', Overwrite: true }),
    );
    expect(second.Version).toBe(2);
  });

  it('when GetParameters asks for known and unknown names, then both lists are returned', async () => {
    const out = await ssm.send(new GetParametersCommand({ Names: ['/a/b', '/missing'] }));

    expect(out.Parameters?.map((p) => [p.Name, p.Value])).toEqual([['/a/b', 'two']]);
    expect(out.InvalidParameters).toEqual(['/missing']);
  });

  it('given a restart on the same file, then parameters persist', () => {
    const again = new SsmEmulator(file, 'eu-central-1');

    expect(again.has('/a/b')).toBe(true);
    expect(again.has('/parley/local/identity/signing-keys')).toBe(true);
  });
});
