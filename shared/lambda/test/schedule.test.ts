import { lambdaContext } from '@parley/testing/lambda-context';
import type { ScheduledEvent } from 'aws-lambda';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { currentScope } from '../src/correlation.ts';
import { logger } from '../src/observability.ts';
import { scheduledHandler } from '../src/schedule.ts';

const context = lambdaContext({ functionName: 'messaging-drainOutbox' });

/** What EventBridge Scheduler's `rate(1 minute)` rule delivers. */
function tick(id: string): ScheduledEvent {
  return {
    version: '0',
    id,
    'detail-type': 'Scheduled Event',
    source: 'aws.events',
    account: '123456789012',
    time: '2026-12-01T00:00:00Z',
    region: 'eu-central-1',
    resources: ['arn:aws:events:eu-central-1:123456789012:rule/parley-ci-drainOutbox'],
    detail: {},
  };
}

describe('scheduledHandler', () => {
  afterEach(() => vi.restoreAllMocks());

  it('given a run, when it completes, then its result is returned and the run is scoped to the event id', async () => {
    let scope: ReturnType<typeof currentScope>;
    const handler = scheduledHandler().handler(async () => {
      scope = currentScope();
      return { published: 3 };
    });
    await expect(handler(tick('run-1'), context)).resolves.toEqual({ published: 3 });
    expect(scope?.correlationId).toBe('run-1');
  });

  it('given two runs, when each logs, then the second carries none of the keys the first appended', async () => {
    const lines: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      lines.push(String(chunk));
      return true;
    });
    const level = logger.getLevelName();
    const handler = scheduledHandler().handler(async (event) => {
      // unit tests run with LOG_LEVEL=SILENT; this one reads the log lines
      logger.setLogLevel('INFO');
      if (event.id === 'run-a') logger.appendKeys({ leftover: 'from run a' });
      logger.info('swept');
    });
    try {
      await handler(tick('run-a'), context);
      await handler(tick('run-b'), context);
    } finally {
      logger.setLogLevel(level);
    }
    const [first, second] = lines.map((line) => JSON.parse(line));
    expect(first).toMatchObject({
      correlationId: 'run-a',
      leftover: 'from run a',
      function_name: 'messaging-drainOutbox',
    });
    expect(second).toMatchObject({ correlationId: 'run-b' });
    expect(second).not.toHaveProperty('leftover');
  });

  it('given a manual invoke without a schedule event, when run, then it still gets a correlation id', async () => {
    let scope: ReturnType<typeof currentScope>;
    const handler = scheduledHandler().handler(async () => {
      scope = currentScope();
    });
    await handler({} as ScheduledEvent, context);
    expect(scope?.correlationId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('given a run that fails, when invoked, then the error is logged and rethrown for the retry policy', async () => {
    const logged = vi.spyOn(logger, 'error');
    const handler = scheduledHandler().handler(async () => {
      throw new Error('EventBridge refused');
    });
    await expect(handler(tick('run-2'), context)).rejects.toThrow('EventBridge refused');
    expect(logged).toHaveBeenCalledWith('scheduled run failed', expect.objectContaining({ error: expect.any(Error) }));
  });
});
