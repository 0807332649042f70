'use strict';
/**
 * Each stack's alarms, added to its CloudFormation at package time, so that a function or an API
 * added later is covered without anyone remembering to (docs/runbook.md, "Alarms and the dashboard").
 * They watch symptoms per service, not every function: an alarm is billed per metric it watches
 * (USD 0.10 a month), and one per function for ~120 functions would cost more than the product's use
 * by a few hundred people (docs/cost.md; ADR 0032 records the choice).
 *
 * - `ApiServerErrorsAlarm`, `ApiLatencyAlarm` on the stack's HTTP API: 5 or more 5xx answers in 5
 *   minutes; p99 latency above `custom.observability.apiP99Ms` (default 1,000 ms) for 15 minutes.
 *   These cover every HTTP function of the service (an unhandled throw or a timeout is a 5xx).
 * - `WebSocketErrorsAlarm` on the stack's WebSocket API (notifications): integration errors.
 * - Function errors (a handler threw, timed out or crashed), in two forms. The platform stack (the one
 *   with `dashboard: true`) has `LambdaErrorsAlarm` on Lambda's account-wide `Errors` (no dimension):
 *   3 or more failed invocations of any function in 5 minutes, long before EventBridge's retries run
 *   out and the event lands in the dead-letter queue; the dashboard's "Function errors" graph names
 *   the function. One alarm metric instead of one per function: CloudWatch bills an alarm per metric
 *   it evaluates (a metric math alarm over n functions is n alarm metrics, so summing a service's
 *   functions in one alarm would cost the same), and the ~40 consumers and schedules were most of
 *   the fixed cost (docs/cost.md). HTTP routes answer their own errors as 500s (the 5xx alarm), so
 *   this counts what no API answers for.
 *   `<Fn>ErrorsAlarm`, on that function alone, for the functions a stack names in
 *   `custom.observability.errorAlarms` (calling's `smaHandler`: a failing handler drops phone calls).
 * - `<Fn>DurationAlarm` for the functions a stack names in `custom.observability.p99Ms.<function>`:
 *   p99 duration above that many ms for 15 minutes (calling's `smaHandler`: 1 s, while the caller
 *   hears silence).
 *
 * Throttles are one alarm for the account too, in the platform stack: every function draws on the
 * same regional concurrency. Every alarm notifies the platform's alarm topic (export
 * `parley-<stage>-AlarmTopicArn`), which the monthly budget also notifies. What is a stack's own (the
 * outbox drain, the WebSocket 410 rate, sign-in errors) stays in its `resources`.
 *
 * With `custom.observability.dashboard: true` (the platform stack) it also adds `Dashboard`, the
 * product's one CloudWatch dashboard `parley-<stage>`: every function of every stack found by
 * search expressions on the `parley-<service>-<stage>-<function>` names, so a function added later
 * appears without editing it.
 */

const PERIOD = 300;

class ParleyObservability {
  constructor(serverless) {
    this.serverless = serverless;
    this.hooks = {
      'package:compileEvents': () => {
        this.addAlarms();
        if (this.serverless.service.custom?.observability?.dashboard) this.addDashboard();
      },
    };
  }

  addDashboard() {
    const stage = this.serverless.getProvider('aws').getStage();
    const resources = this.serverless.service.provider.compiledCloudFormationTemplate.Resources;
    const REGION = '__REGION__';
    const lambda = (metric, stat) =>
      `SEARCH('{AWS/Lambda,FunctionName} MetricName="${metric}" parley ${stage}', '${stat}', ${PERIOD})`;
    const graph = (title, metrics, extra = {}) => ({
      type: 'metric',
      width: 12,
      height: 6,
      properties: { title, region: REGION, view: 'timeSeries', stat: 'Sum', period: PERIOD, metrics, ...extra },
    });
    let expressions = 0;
    const search = (expression, label) => [{ expression, label, id: `e${++expressions}` }];
    const widgets = [
      graph('Function errors (thrown, timed out, crashed)', [search(lambda('Errors', 'Sum'), '')]),
      graph('Function throttles', [search(lambda('Throttles', 'Sum'), '')]),
      graph('Function p99 duration (ms)', [search(lambda('Duration', 'p99'), '')]),
      graph('Function invocations', [search(lambda('Invocations', 'Sum'), '')]),
      graph('SIP media application handler duration (ms; alarm at p99 1,000)', [
        ['AWS/Lambda', 'Duration', 'FunctionName', `parley-calling-${stage}-smaHandler`, { stat: 'p50' }],
        ['...', { stat: 'p99' }],
      ]),
      graph('HTTP and WebSocket APIs: 4xx and 5xx', [
        search(`SEARCH('{AWS/ApiGateway,ApiId} MetricName="5xx"', 'Sum', ${PERIOD})`, '5xx'),
        search(`SEARCH('{AWS/ApiGateway,ApiId} MetricName="4xx"', 'Sum', ${PERIOD})`, '4xx'),
      ]),
      graph('WebSocket posts and 410 (gone)', [
        ['Parley/Notifications', 'WebSocketPosts', 'Stage', stage],
        ['.', 'WebSocketGone', '.', '.'],
      ]),
      graph('Event bus: deliveries that failed, and the dead-letter queue', [
        search(
          `SEARCH('{AWS/Events,EventBusName,RuleName} EventBusName="parley-${stage}" MetricName="FailedInvocations"', 'Sum', ${PERIOD})`,
          'failed',
        ),
        [
          'AWS/SQS',
          'ApproximateNumberOfMessagesVisible',
          'QueueName',
          `parley-${stage}-events-dlq`,
          { stat: 'Maximum' },
        ],
      ]),
      graph('DynamoDB consumed capacity (all Parley tables)', [
        search(
          `SEARCH('{AWS/DynamoDB,TableName} MetricName="ConsumedWriteCapacityUnits" parley ${stage}', 'Sum', ${PERIOD})`,
          'WCU',
        ),
        search(
          `SEARCH('{AWS/DynamoDB,TableName} MetricName="ConsumedReadCapacityUnits" parley ${stage}', 'Sum', ${PERIOD})`,
          'RCU',
        ),
      ]),
      graph('DynamoDB throttles and errors', [
        search(
          `SEARCH('{AWS/DynamoDB,TableName,Operation} MetricName="ThrottledRequests" parley ${stage}', 'Sum', ${PERIOD})`,
          '',
        ),
        search(
          `SEARCH('{AWS/DynamoDB,TableName,Operation} MetricName="SystemErrors" parley ${stage}', 'Sum', ${PERIOD})`,
          '',
        ),
      ]),
      graph("SMS sent (the guard's daily cap alarms at 80 %)", [['Parley/Notifications', 'SmsSent', 'Stage', stage]], {
        period: 3600,
      }),
    ];
    const body = JSON.stringify({ start: '-PT6H', periodOverride: 'inherit', widgets }).split(`"${REGION}"`);
    const joined = body.flatMap((part, i) => (i === 0 ? [part] : ['"', { Ref: 'AWS::Region' }, '"', part]));
    resources.Dashboard = {
      Type: 'AWS::CloudWatch::Dashboard',
      Properties: { DashboardName: `parley-${stage}`, DashboardBody: { 'Fn::Join': ['', joined] } },
    };
  }

  addAlarms() {
    const service = this.serverless.service;
    const provider = this.serverless.getProvider('aws');
    const naming = provider.naming;
    const stage = provider.getStage();
    const resources = service.provider.compiledCloudFormationTemplate.Resources;
    const settings = service.custom?.observability ?? {};
    const p99Ms = settings.p99Ms ?? {};
    // the platform stack owns the topic (a stack cannot import its own export); the others import it
    const topic = service.resources?.Resources?.AlarmTopic
      ? { Ref: 'AlarmTopic' }
      : { 'Fn::ImportValue': `parley-${stage}-AlarmTopicArn` };
    const alarm = (name, description, properties) => ({
      Type: 'AWS::CloudWatch::Alarm',
      Properties: {
        AlarmName: `${service.service}-${stage}-${name}`,
        AlarmDescription: description,
        Period: PERIOD,
        TreatMissingData: 'notBreaching',
        AlarmActions: [topic],
        OKActions: [topic],
        ...properties,
      },
    });

    if (resources.HttpApi) {
      const api = [{ Name: 'ApiId', Value: { Ref: 'HttpApi' } }];
      const latencyMs = Number(settings.apiP99Ms ?? 1000);
      resources.ApiServerErrorsAlarm = alarm('api-5xx', 'The HTTP API answered 5 or more 5xx in 5 minutes.', {
        Namespace: 'AWS/ApiGateway',
        MetricName: '5xx',
        Dimensions: api,
        Statistic: 'Sum',
        EvaluationPeriods: 1,
        Threshold: 5,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      });
      resources.ApiLatencyAlarm = alarm(
        'api-p99-latency',
        `The HTTP API's p99 latency stayed above ${latencyMs} ms for 15 minutes.`,
        {
          Namespace: 'AWS/ApiGateway',
          MetricName: 'Latency',
          Dimensions: api,
          ExtendedStatistic: 'p99',
          EvaluationPeriods: 3,
          Threshold: latencyMs,
          ComparisonOperator: 'GreaterThanThreshold',
        },
      );
    }
    if (resources.WebsocketsApi) {
      resources.WebSocketErrorsAlarm = alarm(
        'websocket-errors',
        'WebSocket routes failed (integration errors) 5 or more times in 5 minutes.',
        {
          Namespace: 'AWS/ApiGateway',
          MetricName: 'IntegrationError',
          Dimensions: [{ Name: 'ApiId', Value: { Ref: 'WebsocketsApi' } }],
          Statistic: 'Sum',
          EvaluationPeriods: 1,
          Threshold: 5,
          ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        },
      );
    }

    if (settings.dashboard) {
      // Lambda's account-wide Errors: every function of every stack, one alarm metric
      resources.LambdaErrorsAlarm = alarm(
        'lambda-errors',
        'Lambda functions failed 3 or more times in 5 minutes in this account and region (thrown, timed out or crashed); the dashboard\'s "Function errors" graph names them.',
        {
          Namespace: 'AWS/Lambda',
          MetricName: 'Errors',
          Statistic: 'Sum',
          EvaluationPeriods: 1,
          Threshold: 3,
          ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        },
      );
    }

    // a stack's own alarm on a function's errors (in its `resources`) replaces the one it asks for here
    const ownErrorAlarms = new Set(
      Object.values(service.resources?.Resources ?? {})
        .filter((r) => r?.Type === 'AWS::CloudWatch::Alarm' && r.Properties?.MetricName === 'Errors')
        .flatMap((r) => (r.Properties.Dimensions ?? []).map((d) => d.Value?.Ref)),
    );
    const errorAlarms = new Set(settings.errorAlarms ?? []);

    for (const name of service.getAllFunctions()) {
      const logicalId = naming.getLambdaLogicalId(name);
      const dimensions = [{ Name: 'FunctionName', Value: { Ref: logicalId } }];
      if (errorAlarms.has(name) && !ownErrorAlarms.has(logicalId)) {
        resources[`${logicalId}ErrorsAlarm`] = alarm(
          `${name}-errors`,
          `${name} failed 3 or more times in 5 minutes (thrown, timed out or crashed).`,
          {
            Namespace: 'AWS/Lambda',
            MetricName: 'Errors',
            Dimensions: dimensions,
            Statistic: 'Sum',
            EvaluationPeriods: 1,
            Threshold: 3,
            ComparisonOperator: 'GreaterThanOrEqualToThreshold',
          },
        );
      }
      if (p99Ms[name] !== undefined) {
        resources[`${logicalId}DurationAlarm`] = alarm(
          `${name}-p99-duration`,
          `${name}'s p99 duration stayed above ${p99Ms[name]} ms for 15 minutes.`,
          {
            Namespace: 'AWS/Lambda',
            MetricName: 'Duration',
            Dimensions: dimensions,
            ExtendedStatistic: 'p99',
            EvaluationPeriods: 3,
            Threshold: Number(p99Ms[name]),
            ComparisonOperator: 'GreaterThanThreshold',
          },
        );
      }
    }
  }
}

module.exports = ParleyObservability;
