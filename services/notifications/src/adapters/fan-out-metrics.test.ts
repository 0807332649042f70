import { describe, expect, it } from 'vitest';
import { emfFanOutMetrics } from './fan-out-metrics.ts';

describe('emfFanOutMetrics', () => {
  it('writes one embedded-metric line with every post and the ones answered 410, by stage', () => {
    const lines: string[] = [];
    emfFanOutMetrics('prod', (l) => lines.push(l)).delivered({ sent: 5, gone: 2, failed: 1 });
    expect(lines).toHaveLength(1);
    const line = JSON.parse(lines[0] as string);
    expect(line).toMatchObject({ Stage: 'prod', WebSocketPosts: 8, WebSocketGone: 2 });
    expect(line._aws.CloudWatchMetrics).toEqual([
      {
        Namespace: 'Parley/Notifications',
        Dimensions: [['Stage']],
        Metrics: [
          { Name: 'WebSocketPosts', Unit: 'Count' },
          { Name: 'WebSocketGone', Unit: 'Count' },
        ],
      },
    ]);
    expect(lines[0]?.endsWith('\n')).toBe(true);
  });

  it('writes nothing for an event that reached no connection', () => {
    const lines: string[] = [];
    emfFanOutMetrics('prod', (l) => lines.push(l)).delivered({ sent: 0, gone: 0, failed: 0 });
    expect(lines).toEqual([]);
  });
});
