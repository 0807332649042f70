// biome-ignore-all lint/suspicious/noExplicitAny: the template is read field by field
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// Texts on AWS in the notifications stack `npm run package` (run by `npm test` before vitest)
// generated: the SNS topics End User Messaging publishes to, their HTTPS subscriptions to the webhooks,
// and the configuration set whose event destination brings a reply's delivery back (ADR 0026).
interface Resource {
  Type: string;
  Properties: Record<string, any>;
}

function template(): Record<string, Resource> {
  const file = join(
    import.meta.dirname,
    '..',
    'services',
    'notifications',
    '.serverless',
    'cloudformation-template-update-stack.json',
  );
  if (!existsSync(file)) throw new Error('notifications is not packaged: run `npm run package` first');
  return JSON.parse(readFileSync(file, 'utf8')).Resources;
}

const resources = template();
const apiUrl = (route: string) => ({
  'Fn::Join': [
    '',
    ['https://', { Ref: 'HttpApi' }, '.execute-api.', { Ref: 'AWS::Region' }, `.amazonaws.com/webhooks/${route}`],
  ],
});
const list = <T>(v: T | T[]): T[] => (Array.isArray(v) ? v : [v]);

describe('texts on AWS in the packaged notifications stack', () => {
  it('has the three topics End User Messaging publishes to, named for the stage', () => {
    expect(resources.SmsInboundTopic?.Properties.TopicName).toBe('parley-ci-sms-inbound');
    expect(resources.SmsEventsTopic?.Properties.TopicName).toBe('parley-ci-sms-events');
    expect(resources.WhatsAppEventsTopic?.Properties.TopicName).toBe('parley-ci-whatsapp-events');
  });

  it('subscribes each topic over HTTPS to the webhook that reads it, on the stage’s own HTTP API', () => {
    const subscriptions = Object.values(resources)
      .filter((r) => r.Type === 'AWS::SNS::Subscription')
      .map((r) => [r.Properties.TopicArn.Ref, r.Properties.Protocol, r.Properties.Endpoint]);
    expect(subscriptions).toEqual(
      expect.arrayContaining([
        ['SmsInboundTopic', 'https', apiUrl('sns')],
        ['SmsEventsTopic', 'https', apiUrl('sns')],
        ['WhatsAppEventsTopic', 'https', apiUrl('whatsapp')],
      ]),
    );
    // the webhooks those endpoints name exist on that API
    const routes = Object.values(resources)
      .filter((r) => r.Type === 'AWS::ApiGatewayV2::Route')
      .map((r) => r.Properties.RouteKey);
    expect(routes).toEqual(expect.arrayContaining(['POST /webhooks/sns', 'POST /webhooks/whatsapp']));
  });

  it('lets only End User Messaging of this account publish to the topics', () => {
    const policy = resources.TextTopicsPolicy?.Properties;
    expect(policy?.Topics).toEqual([
      { Ref: 'SmsInboundTopic' },
      { Ref: 'SmsEventsTopic' },
      { Ref: 'WhatsAppEventsTopic' },
    ]);
    const [statement] = policy?.PolicyDocument.Statement ?? [];
    expect(statement).toMatchObject({
      Effect: 'Allow',
      Action: 'sns:Publish',
      Principal: { Service: ['sms-voice.amazonaws.com', 'social-messaging.amazonaws.com'] },
      Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } },
    });
  });

  it('has the configuration set replies are sent with, every text event to the SMS events topic', () => {
    const set = resources.TextsConfigurationSet;
    expect(set?.Type).toBe('AWS::SMSVOICE::ConfigurationSet');
    expect(set?.Properties).toEqual({
      ConfigurationSetName: 'parley-ci-texts',
      EventDestinations: [
        {
          EventDestinationName: 'parley-ci-text-events',
          Enabled: true,
          MatchingEventTypes: ['TEXT_ALL'],
          SnsDestination: { TopicArn: { Ref: 'SmsEventsTopic' } },
        },
      ],
    });
  });

  it('tells the functions that set’s name, and lets the reply function send through it alone', () => {
    const functions = Object.entries(resources).filter(([, r]) => r.Type === 'AWS::Lambda::Function');
    for (const [, fn] of functions)
      expect(fn.Properties.Environment.Variables.SMS_CONFIGURATION_SET).toBe('parley-ci-texts');
    const statements = Object.entries(resources)
      .filter(([, r]) => r.Type === 'AWS::IAM::Role')
      .map(([id, r]) => [id, r.Properties.Policies.flatMap((p: any) => p.PolicyDocument.Statement)] as const);
    const sending = statements.filter(([, s]) =>
      s.some((st: any) => list(st.Action).includes('sms-voice:SendTextMessage')),
    );
    expect(sending.map(([id]) => id)).toEqual(['OnTextRequestedIamRoleLambdaExecution']);
    const grant = sending[0]?.[1].find((st: any) => list(st.Action).includes('sms-voice:SendTextMessage'));
    expect(grant.Resource).toContainEqual({ 'Fn::GetAtt': ['TextsConfigurationSet', 'Arn'] });
  });
});
