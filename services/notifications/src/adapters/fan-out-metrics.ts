import type { FanOutResult } from '../domain/fan-out.ts';
import { METRIC_NAMESPACE } from './sms-metrics.ts';

/** What one event's fan-out did to the WebSocket API, for the 410-rate alarm. */
export interface FanOutMetrics {
  delivered(result: Pick<FanOutResult, 'sent' | 'gone' | 'failed'>): void;
}

/**
 * `WebSocketPosts` (every PostToConnection) and `WebSocketGone` (the ones answered 410) as one
 * CloudWatch embedded-metric-format log line per event, dimension `Stage`. notifications'
 * serverless.yml alarms when more than a fifth of the posts in 5 minutes find their connection gone:
 * `$disconnect` is not being delivered, or clients drop without closing, and frames are being lost
 * to connections that no longer exist. An event that reached no connection writes nothing.
 */
export function emfFanOutMetrics(
  stage: string,
  write: (line: string) => void = (l) => process.stdout.write(l),
): FanOutMetrics {
  return {
    delivered({ sent, gone, failed }) {
      const posts = sent + gone + failed;
      if (posts === 0) return;
      const line = {
        _aws: {
          Timestamp: Date.now(),
          CloudWatchMetrics: [
            {
              Namespace: METRIC_NAMESPACE,
              Dimensions: [['Stage']],
              Metrics: [
                { Name: 'WebSocketPosts', Unit: 'Count' },
                { Name: 'WebSocketGone', Unit: 'Count' },
              ],
            },
          ],
        },
        Stage: stage,
        WebSocketPosts: posts,
        WebSocketGone: gone,
      };
      write(`${JSON.stringify(line)}\n`);
    },
  };
}
