import { describe, expect, it } from 'vitest';
import { parseArgs } from '../src/args.ts';
import { DevstackError } from '../src/errors.ts';
import { EventTail, sseFrame } from '../src/event-tail.ts';
import { healthNoiseFilter } from '../src/processes.ts';
import { apiRoute } from '../src/proxy.ts';

describe('the :3000 origin maps /api/<service>/… to the service with the prefix stripped', () => {
  it.each([
    ['/api/identity/auth/login', { service: 'identity', path: '/auth/login' }],
    ['/api/identity/.well-known/jwks.json', { service: 'identity', path: '/.well-known/jwks.json' }],
    [
      '/api/messaging/conversations/c1/messages?afterSeq=4&limit=50',
      { service: 'messaging', path: '/conversations/c1/messages?afterSeq=4&limit=50' },
    ],
    ['/api/numbers', { service: 'numbers', path: '/' }],
    ['/api/numbers?x=1', { service: 'numbers', path: '/?x=1' }],
  ])('%s', (url, expected) => {
    expect(apiRoute(url)).toEqual(expected);
  });

  it.each(['/', '/_dev/health', '/apiary', '/api/', '/api/Identity/x', '/ws'])('%s is not an API route', (url) => {
    expect(apiRoute(url)).toBeUndefined();
  });
});

describe('flags', () => {
  it('given no flags, then port 3000, .devstack under the working directory, not fresh', () => {
    expect(parseArgs([], {}, '/repo')).toEqual({
      port: 3000,
      dataDir: '/repo/.devstack',
      fresh: false,
      host: 'localhost',
      verbose: false,
      messagingProvider: 'aws',
      inMemory: false,
    });
  });

  it('given --in-memory or PARLEY_DYNAMODB_IN_MEMORY=1, then DynamoDB Local keeps its tables in memory', () => {
    expect(parseArgs(['--in-memory'], {}, '/repo').inMemory).toBe(true);
    expect(parseArgs([], { PARLEY_DYNAMODB_IN_MEMORY: '1' }, '/repo').inMemory).toBe(true);
    expect(parseArgs([], { PARLEY_DYNAMODB_IN_MEMORY: '0' }, '/repo').inMemory).toBe(false);
  });

  it('given --messaging-provider or PARLEY_MESSAGING_PROVIDER, then that provider; the flag wins', () => {
    expect(parseArgs(['--messaging-provider', 'twilio'], {}, '/repo').messagingProvider).toBe('twilio');
    expect(parseArgs([], { PARLEY_MESSAGING_PROVIDER: 'twilio' }, '/repo').messagingProvider).toBe('twilio');
    expect(
      parseArgs(['--messaging-provider=aws'], { PARLEY_MESSAGING_PROVIDER: 'twilio' }, '/repo').messagingProvider,
    ).toBe('aws');
  });

  it('given an unknown messaging provider, then the error names the allowed ones', () => {
    expect(() => parseArgs(['--messaging-provider', 'vonage'], {}, '/repo')).toThrow(
      'must be one of aws, twilio, got "vonage"',
    );
    expect(() => parseArgs([], { PARLEY_MESSAGING_PROVIDER: 'sns' }, '/repo')).toThrow(/PARLEY_MESSAGING_PROVIDER/);
  });

  it('given flags and environment, then flags win over PARLEY_PORT / PARLEY_DATA_DIR', () => {
    const options = parseArgs(
      ['--port=3100', '--data-dir', '/tmp/d', '--fresh'],
      { PARLEY_PORT: '3200', PARLEY_DATA_DIR: 'x' },
      '/repo',
    );

    expect(options).toMatchObject({ port: 3100, dataDir: '/tmp/d', fresh: true });
    expect(parseArgs([], { PARLEY_PORT: '3200', PARLEY_DATA_DIR: 'data' }, '/repo')).toMatchObject({
      port: 3200,
      dataDir: '/repo/data',
    });
  });

  it.each([
    [['--port', 'abc']],
    [['--nope']],
    [['--data-dir']],
    [['--data-dir', '--fresh']],
    [['fresh']],
    [['--fresh=no']],
  ])('given %j, then a DevstackError explains it', (argv) => {
    expect(() => parseArgs(argv, {}, '/repo')).toThrow(DevstackError);
  });
});

describe('the bus tail', () => {
  it('given a broker message of PutEvents entries, then each becomes an event with parsed detail, numbered in order', () => {
    const tail = new EventTail();
    const events = tail.ingest(
      JSON.stringify([
        {
          EventBusName: 'parley-local',
          Source: 'parley.identity',
          DetailType: 'identity.UserRegistered',
          Detail: '{"data":{"userId":"u1"}}',
        },
        { Source: 'parley.messaging', DetailType: 'messaging.MessageSent', Detail: 'not json' },
      ]),
    );

    expect(events.map((e) => [e.seq, e.bus, e.source, e.detailType, e.detail])).toEqual([
      [1, 'parley-local', 'parley.identity', 'identity.UserRegistered', { data: { userId: 'u1' } }],
      [2, undefined, 'parley.messaging', 'messaging.MessageSent', 'not json'],
    ]);
    expect(sseFrame(events[0] as (typeof events)[number])).toMatch(
      /^id: 1\ndata: \{"at":".*","bus":"parley-local",.*\}\n\n$/,
    );
  });

  it('keeps the last 500 events only, and ignores messages that are not entry arrays', () => {
    const tail = new EventTail();
    for (let i = 0; i < 510; i++) tail.ingest(JSON.stringify([{ Source: 's', DetailType: `t${i}`, Detail: '{}' }]));
    tail.ingest('garbage');

    expect(tail.recent()).toHaveLength(500);
    expect(tail.recent()[0]?.detailType).toBe('t10');
  });
});

describe('log filtering', () => {
  it("drops serverless-offline's two lines per health check and blank lines, keeps everything else", () => {
    const keep = healthNoiseFilter();
    const lines = [
      'GET /health (λ: getHealth)',
      '(λ: getHealth) RequestId: 1  Duration: 1.0 ms  Billed Duration: 2 ms',
      '',
      'POST /auth/register (λ: register)',
      '(λ: register) RequestId: 2  Duration: 90.1 ms  Billed Duration: 91 ms',
      '\u001b[31m× Unhandled exception in handler getHealth\u001b[39m',
    ];

    expect(lines.filter(keep)).toEqual(lines.slice(3));
  });
});
