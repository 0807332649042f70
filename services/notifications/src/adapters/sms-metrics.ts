import type { SmsMetrics } from '../domain/sms-guard.ts';

/** CloudWatch namespace of notifications' own metrics (SMS sent, WebSocket posts); its serverless.yml alarms on them. */
export const METRIC_NAMESPACE = 'Parley/Notifications';

/**
 * The `SmsSent` metric as a CloudWatch embedded-metric-format log line: Lambda's log pipeline turns it
 * into a metric without an API call or an SDK client, and the line is there to read on devstack too.
 * Dimension `Stage` only (what the alarm watches); the country is a property, kept out of the
 * dimensions so that it does not multiply custom metrics.
 */
export function emfSmsMetrics(
  stage: string,
  write: (line: string) => void = (l) => process.stdout.write(l),
): SmsMetrics {
  return {
    sent({ country }) {
      const line = {
        _aws: {
          Timestamp: Date.now(),
          CloudWatchMetrics: [
            { Namespace: METRIC_NAMESPACE, Dimensions: [['Stage']], Metrics: [{ Name: 'SmsSent', Unit: 'Count' }] },
          ],
        },
        Stage: stage,
        SmsSent: 1,
        country,
      };
      write(`${JSON.stringify(line)}\n`);
    },
  };
}
