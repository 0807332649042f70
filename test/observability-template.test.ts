import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// The alarms, the dashboard and the budget in the CloudFormation `npm run package` (run by `npm test`
// before vitest) generated: shared/serverless/observability.cjs and each stack's own resources.
const root = join(import.meta.dirname, '..');
const services = readdirSync(join(root, 'services')).filter((s) =>
  existsSync(join(root, 'services', s, 'serverless.yml')),
);

interface Resource {
  Type: string;
  Condition?: string;
  Properties: Record<string, unknown>;
}

function template(service: string): Record<string, Resource> {
  const file = join(root, 'services', service, '.serverless', 'cloudformation-template-update-stack.json');
  if (!existsSync(file)) throw new Error(`${service} is not packaged: run \`npm run package\` first`);
  return JSON.parse(readFileSync(file, 'utf8')).Resources;
}

const alarmsOf = (resources: Record<string, Resource>) =>
  Object.values(resources).filter((r) => r.Type === 'AWS::CloudWatch::Alarm');
const topic = { 'Fn::ImportValue': 'parley-ci-AlarmTopicArn' };

/** The alarm on `metric` of the function whose logical id is `logicalId`. */
function functionAlarm(resources: Record<string, Resource>, logicalId: string, metric: string) {
  return alarmsOf(resources).find(
    (a) =>
      a.Properties.Namespace === 'AWS/Lambda' &&
      a.Properties.MetricName === metric &&
      JSON.stringify(a.Properties.Dimensions) === JSON.stringify([{ Name: 'FunctionName', Value: { Ref: logicalId } }]),
  );
}

describe('alarms and the dashboard in the packaged stacks', () => {
  for (const service of services) {
    const resources = template(service);
    it(`${service}: no alarm per function on its errors but the stack's own and those it asks for (the account's alarm covers them)`, () => {
      const perFunction = alarmsOf(resources).filter(
        (a) =>
          a.Properties.Namespace === 'AWS/Lambda' &&
          a.Properties.MetricName === 'Errors' &&
          JSON.stringify(a.Properties.Dimensions ?? []).includes('FunctionName'),
      );
      const asked: Record<string, string[]> = {
        calling: ['parley-calling-ci-smaHandler-errors'],
        identity: ['parley-ci-identity-login-errors', 'parley-ci-identity-session-status-errors'],
        messaging: ['parley-ci-messaging-outbox-drain-errors'],
      };
      expect(perFunction.map((a) => a.Properties.AlarmName).sort()).toEqual((asked[service] ?? []).sort());
      for (const a of perFunction) expect(a.Properties.AlarmActions).toEqual([topic]);
    });

    if (resources.HttpApi) {
      it(`${service}: its HTTP API alarms on 5xx answers and on p99 latency`, () => {
        const api = [{ Name: 'ApiId', Value: { Ref: 'HttpApi' } }];
        const alarms = alarmsOf(resources).filter(
          (a) =>
            a.Properties.Namespace === 'AWS/ApiGateway' &&
            JSON.stringify(a.Properties.Dimensions) === JSON.stringify(api),
        );
        expect(alarms.find((a) => a.Properties.MetricName === '5xx')?.Properties).toMatchObject({
          Statistic: 'Sum',
          AlarmActions: [topic],
        });
        expect(alarms.find((a) => a.Properties.MetricName === 'Latency')?.Properties).toMatchObject({
          ExtendedStatistic: 'p99',
          Threshold: 1000,
          AlarmActions: [topic],
        });
      });
    }

    it(`${service}: stays well inside CloudFormation's 500 resources per stack`, () => {
      expect(Object.keys(resources).length).toBeLessThan(450);
    });
  }

  it('every stack with functions has an HTTP API, so each is watched for 5xx and latency', () => {
    for (const service of services) {
      const resources = template(service);
      if (Object.values(resources).some((r) => r.Type === 'AWS::Lambda::Function'))
        expect(resources.HttpApi, service).toBeDefined();
    }
  });

  it("calling: the SIP media application handler's p99 alarms above 1 s", () => {
    const resources = template('calling');
    expect(functionAlarm(resources, 'SmaHandlerLambdaFunction', 'Duration')?.Properties.Threshold).toBe(1000);
  });

  it('messaging: the outbox drain alarms when it fails 3 minutes in a row, once (its own alarm replaces the default)', () => {
    const drain = alarmsOf(template('messaging')).filter(
      (a) =>
        a.Properties.MetricName === 'Errors' &&
        JSON.stringify(a.Properties.Dimensions).includes('"DrainOutboxLambdaFunction"'),
    );
    expect(drain.map((a) => a.Properties.AlarmName)).toEqual(['parley-ci-messaging-outbox-drain-errors']);
    expect(drain[0]?.Properties).toMatchObject({ Period: 60, EvaluationPeriods: 3 });
  });

  it('notifications: the fan-out alarms above 1 s at p99, and the WebSocket API on integration errors', () => {
    const resources = template('notifications');
    expect(functionAlarm(resources, 'OnAudienceEventLambdaFunction', 'Duration')?.Properties).toMatchObject({
      ExtendedStatistic: 'p99',
      Threshold: 1000,
    });
    const ws = alarmsOf(resources).find((a) => a.Properties.MetricName === 'IntegrationError');
    expect(ws?.Properties.Dimensions).toEqual([{ Name: 'ApiId', Value: { Ref: 'WebsocketsApi' } }]);
  });

  it('notifications: the share of WebSocket posts answered 410 alarms above 20 %', () => {
    const alarm = alarmsOf(template('notifications')).find(
      (a) => a.Properties.AlarmName === 'parley-ci-websocket-gone-rate',
    );
    const metrics = alarm?.Properties.Metrics as {
      Id: string;
      Expression?: string;
      MetricStat?: { Metric: { Namespace: string; MetricName: string; Dimensions: unknown } };
    }[];
    expect(metrics.map((m) => m.MetricStat?.Metric.MetricName).filter(Boolean)).toEqual([
      'WebSocketPosts',
      'WebSocketGone',
    ]);
    for (const m of metrics.filter((x) => x.MetricStat)) {
      expect(m.MetricStat?.Metric).toMatchObject({
        Namespace: 'Parley/Notifications',
        Dimensions: [{ Name: 'Stage', Value: 'ci' }],
      });
    }
    expect(metrics.find((m) => m.Expression)?.Expression).toMatch(/100 \* gone \/ posts/);
    expect(alarm?.Properties).toMatchObject({ Threshold: 20, AlarmActions: [topic] });
  });

  describe('platform', () => {
    const resources = template('platform');

    it("alarms on the account's Lambda errors (every function of every stack, one alarm metric), to the topic", () => {
      const errors = alarmsOf(resources).filter(
        (a) => a.Properties.Namespace === 'AWS/Lambda' && a.Properties.MetricName === 'Errors',
      );
      expect(errors).toHaveLength(1);
      expect(errors[0]?.Properties).toMatchObject({
        Statistic: 'Sum',
        Period: 300,
        Threshold: 3,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        AlarmActions: [{ Ref: 'AlarmTopic' }],
      });
      expect(errors[0]?.Properties.Dimensions).toBeUndefined();
    });

    it("alarms on the account's Lambda throttles and on the events dead-letter queue", () => {
      const alarms = alarmsOf(resources);
      const throttles = alarms.find((a) => a.Properties.MetricName === 'Throttles');
      expect(throttles?.Properties).toMatchObject({ Namespace: 'AWS/Lambda', Threshold: 0 });
      expect(throttles?.Properties.Dimensions).toBeUndefined();
      const dlq = alarms.find((a) => a.Properties.MetricName === 'ApproximateNumberOfMessagesVisible');
      expect(dlq?.Properties).toMatchObject({ Namespace: 'AWS/SQS', Threshold: 0 });
    });

    it('has one dashboard for the product, whose body is valid JSON covering every part', () => {
      const dashboard = Object.values(resources).find((r) => r.Type === 'AWS::CloudWatch::Dashboard');
      if (!dashboard) throw new Error('no dashboard');
      expect(dashboard.Properties.DashboardName).toBe('parley-ci');
      const parts = (dashboard.Properties.DashboardBody as { 'Fn::Join': [string, unknown[]] })['Fn::Join'][1];
      const body = JSON.parse(
        parts
          .map((p) =>
            typeof p === 'string' ? p : JSON.stringify(p) === '{"Ref":"AWS::Region"}' ? 'eu-central-1' : '?',
          )
          .join(''),
      ) as { widgets: { properties: { title: string; region: string; metrics: unknown[] } }[] };
      const text = JSON.stringify(body);
      for (const needle of [
        'MetricName=\\"Errors\\" parley ci',
        'MetricName=\\"Duration\\" parley ci',
        'MetricName=\\"Throttles\\" parley ci',
        'parley-calling-ci-smaHandler',
        'WebSocketGone',
        'parley-ci-events-dlq',
        'ConsumedWriteCapacityUnits',
        'SmsSent',
      ]) {
        expect(text).toContain(needle);
      }
      for (const w of body.widgets) expect(w.properties.region).toBe('eu-central-1');
    });

    it('has a monthly budget that tells the alarm topic at 80 % and 100 % of actual spend and at 100 % forecast', () => {
      const budget = Object.values(resources).find((r) => r.Type === 'AWS::Budgets::Budget');
      if (!budget) throw new Error('no budget');
      expect(budget?.Properties.Budget).toMatchObject({
        BudgetName: 'parley-ci-monthly',
        BudgetType: 'COST',
        TimeUnit: 'MONTHLY',
        BudgetLimit: { Unit: 'USD' },
      });
      expect(
        Number((budget.Properties.Budget as { BudgetLimit: { Amount: string } }).BudgetLimit.Amount),
      ).toBeGreaterThan(0);
      const notifications = budget?.Properties.NotificationsWithSubscribers as {
        Notification: { NotificationType: string; Threshold: number };
        Subscribers: { SubscriptionType: string; Address: unknown }[];
      }[];
      expect(notifications.map((n) => `${n.Notification.NotificationType} ${n.Notification.Threshold}`)).toEqual([
        'ACTUAL 80',
        'ACTUAL 100',
        'FORECASTED 100',
      ]);
      for (const n of notifications)
        expect(n.Subscribers).toEqual([{ SubscriptionType: 'SNS', Address: { Ref: 'AlarmTopic' } }]);
      const policy = Object.values(resources).find((r) => r.Type === 'AWS::SNS::TopicPolicy');
      if (!policy) throw new Error('no topic policy');
      const statements = (policy.Properties.PolicyDocument as { Statement: { Principal: { Service: string } }[] })
        .Statement;
      expect(statements.map((s) => s.Principal.Service)).toContain('budgets.amazonaws.com');
    });
  });
});
