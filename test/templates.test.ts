import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { zipBudgetBytes } from '../tools/bench/src/cold-budgets.ts';
import { entryContent, zipEntries } from '../tools/bench/src/cold-zip.ts';

// Reads the CloudFormation that `npm run package` (run by `npm test` before vitest) generated for every stack.
const root = join(import.meta.dirname, '..');
const services = readdirSync(join(root, 'services')).filter((s) =>
  existsSync(join(root, 'services', s, 'serverless.yml')),
);

interface Resource {
  Type: string;
  Properties?: Record<string, unknown>;
}
type Statement = { Effect: string; Action: string | string[]; Resource: unknown };

function template(service: string): Record<string, Resource> {
  const file = join(root, 'services', service, '.serverless', 'cloudformation-template-update-stack.json');
  if (!existsSync(file)) throw new Error(`${service} is not packaged: run \`npm run package\` first`);
  return JSON.parse(readFileSync(file, 'utf8')).Resources;
}

const ofType = (resources: Record<string, Resource>, type: string) =>
  Object.entries(resources).filter(([, r]) => r.Type === type);
const list = <T>(v: T | T[] | undefined): T[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

function statements(resources: Record<string, Resource>): Statement[] {
  const fromRoles = ofType(resources, 'AWS::IAM::Role').flatMap(([, r]) =>
    list(r.Properties?.Policies as { PolicyDocument: { Statement: Statement[] } }[]).flatMap(
      (p) => p.PolicyDocument.Statement,
    ),
  );
  const fromPolicies = ofType(resources, 'AWS::IAM::Policy').flatMap(
    ([, r]) => (r.Properties?.PolicyDocument as { Statement: Statement[] } | undefined)?.Statement ?? [],
  );
  return [...fromRoles, ...fromPolicies];
}

describe('packaged CloudFormation', () => {
  it('packages all eight stacks', () => {
    expect(services.sort()).toEqual([
      'calling',
      'identity',
      'messaging',
      'notifications',
      'numbers',
      'platform',
      'usage',
      'web',
    ]);
  });

  for (const service of services) {
    describe(service, () => {
      const resources = template(service);
      const functions = ofType(resources, 'AWS::Lambda::Function');

      it('traces every function with X-Ray, on nodejs22.x arm64', () => {
        for (const [name, fn] of functions) {
          expect(fn.Properties?.TracingConfig, name).toEqual({ Mode: 'Active' });
          expect(fn.Properties?.Runtime, name).toBe('nodejs22.x');
          expect(fn.Properties?.Architectures, name).toEqual(['arm64']);
        }
      });

      it('lets only the web client’s origin read API answers (CORS never `*` or `null`)', () => {
        const httpApis = ofType(resources, 'AWS::ApiGatewayV2::Api').filter(
          ([, a]) => a.Properties?.ProtocolType === 'HTTP',
        );
        for (const [name, api] of httpApis) {
          const cors = api.Properties?.CorsConfiguration as { AllowOrigins?: string[] } | undefined;
          expect(cors?.AllowOrigins, name).toEqual([expect.stringMatching(/^https?:\/\/[^*]+$/)]);
        }
      });

      // ADR 0022: the zips Lambda downloads on a cold start carry the bundle only; its map stays beside them.
      it('ships every function as its bundle alone, no source map inside, each zip within its budget', () => {
        for (const [name, fn] of functions) {
          const key = (fn.Properties?.Code as { S3Key?: string } | undefined)?.S3Key;
          const file = join(root, 'services', service, '.serverless', basename(String(key)));
          expect(existsSync(file), `${name}: ${file}`).toBe(true);
          const zip = readFileSync(file);
          const entries = zipEntries(zip).filter((e) => !e.name.endsWith('/'));
          expect(
            entries.filter((e) => e.name.endsWith('.map')).map((e) => e.name),
            name,
          ).toEqual([]);
          const bundles = entries.filter((e) => e.name.endsWith('.mjs'));
          expect(bundles.length, `${name}: ${entries.map((e) => e.name)}`).toBe(1);
          const bundle = entryContent(zip, bundles[0] as (typeof bundles)[number]).toString('utf8');
          expect(bundle, name).not.toMatch(/sourceMappingURL=/);
          expect(zip.length, `${name}: ${zip.length} bytes`).toBeLessThanOrEqual(
            zipBudgetBytes(bundle, `${service}/${basename(file, '.zip')}`),
          );
          const map = join(root, 'services', service, '.serverless', 'sourcemaps', `${bundles[0]?.name}.map`);
          expect(existsSync(map), `${name}: its map beside the zip (${map})`).toBe(true);
        }
      });

      it('gives every function a role of its own', () => {
        const roles = functions.map(([, fn]) => JSON.stringify(fn.Properties?.Role));
        expect(new Set(roles).size).toBe(roles.length);
      });

      it('allows no wildcard action on a wildcard resource, and no service-wide wildcard on data', () => {
        for (const s of statements(resources)) {
          const actions = list(s.Action);
          const resourcesOf = list(s.Resource as unknown);
          const wildcardResource = resourcesOf.some((r) => r === '*');
          expect(
            actions.some((a) => a === '*' && wildcardResource),
            JSON.stringify(s),
          ).toBe(false);
          expect(
            actions.filter((a) => /^(dynamodb|s3|sns|sqs|events):\*$/.test(a)),
            JSON.stringify(s),
          ).toEqual([]);
          if (wildcardResource) {
            // Only APIs without resource-level permissions may use Resource '*'.
            for (const a of actions)
              expect(a, JSON.stringify(s)).toMatch(
                /^(xray|chime|execute-api|sns:Publish$|sns:SetSMSAttributes$|sns:CheckIfPhoneNumberIsOptedOut$)/,
              );
          }
        }
      });

      it('caches the HTTP authorizer for the same 60 s in every service (how long a revoked token can pass)', () => {
        for (const [name, authorizer] of ofType(resources, 'AWS::ApiGatewayV2::Authorizer')) {
          if (authorizer.Properties?.AuthorizerType !== 'REQUEST' || !authorizer.Properties?.EnableSimpleResponses)
            continue;
          expect(authorizer.Properties?.AuthorizerResultTtlInSeconds, name).toBe(60);
        }
      });

      it('turns on point-in-time recovery for every table', () => {
        for (const [name, table] of ofType(resources, 'AWS::DynamoDB::Table')) {
          expect(table.Properties?.PointInTimeRecoverySpecification, name).toEqual({
            PointInTimeRecoveryEnabled: true,
          });
        }
      });

      it('gives every EventBridge target a dead-letter queue and an explicit retry policy', () => {
        for (const [name, rule] of ofType(resources, 'AWS::Events::Rule')) {
          for (const target of list(rule.Properties?.Targets as Record<string, unknown>[])) {
            expect(target.DeadLetterConfig, name).toHaveProperty('Arn');
            expect(target.RetryPolicy, name).toMatchObject({
              MaximumRetryAttempts: expect.any(Number),
              MaximumEventAgeInSeconds: expect.any(Number),
            });
          }
        }
      });

      it('sends failed asynchronous invocations somewhere', () => {
        const configs = ofType(resources, 'AWS::Lambda::EventInvokeConfig');
        const rules = ofType(resources, 'AWS::Events::Rule');
        const targets = new Set(
          rules.flatMap(([, r]) =>
            list(r.Properties?.Targets as { Arn: { 'Fn::GetAtt': string[] } }[]).map((t) => t.Arn?.['Fn::GetAtt']?.[0]),
          ),
        );
        for (const fnLogicalId of targets) {
          // Only function targets invoke asynchronously (a rule may also target another bus).
          if (!fnLogicalId || resources[fnLogicalId]?.Type !== 'AWS::Lambda::Function') continue;
          const config = configs.find(([, c]) => JSON.stringify(c.Properties?.FunctionName).includes(fnLogicalId));
          expect(
            config?.[1].Properties?.DestinationConfig,
            `${fnLogicalId} needs destinations.onFailure`,
          ).toHaveProperty('OnFailure');
        }
      });
    });
  }

  describe('calling: what Chime itself may do', () => {
    const resources = template('calling');

    it('lets the SIP media application invoke smaHandler, from this account only', () => {
      const permissions = ofType(resources, 'AWS::Lambda::Permission').filter(
        ([, p]) => p.Properties?.Principal === 'voiceconnector.chime.amazonaws.com',
      );
      expect(permissions.map(([, p]) => JSON.stringify(p.Properties?.FunctionName))).toEqual([
        JSON.stringify({ 'Fn::GetAtt': ['SmaHandlerLambdaFunction', 'Arn'] }),
      ]);
      expect(permissions[0]?.[1].Properties).toMatchObject({
        Action: 'lambda:InvokeFunction',
        SourceAccount: { Ref: 'AWS::AccountId' },
      });
    });

    it('lets Chime read only prompts/ and write only voicemail/ of the audio bucket, over TLS', () => {
      const document = resources.AudioBucketPolicy?.Properties?.PolicyDocument as
        | { Statement: Record<string, unknown>[] }
        | undefined;
      const statements = document?.Statement ?? [];
      const byChime = statements.filter(
        (st) => JSON.stringify(st.Principal) === JSON.stringify({ Service: 'voiceconnector.chime.amazonaws.com' }),
      );
      const grants = byChime.map((st) => [st.Action, JSON.stringify(st.Resource).match(/\/(\w+)\/\*/)?.[1]]);
      expect(grants).toEqual([
        [['s3:GetObject'], 'prompts'],
        [['s3:PutObject', 's3:PutObjectAcl'], 'voicemail'],
      ]);
      expect(statements.find((st) => st.Sid === 'TlsOnly')).toMatchObject({ Effect: 'Deny' });
    });
  });
});

describe("WebSocket routes API Gateway answers itself (ADR 0035: notifications' ping)", () => {
  const requireCjs = createRequire(import.meta.url);
  const { addMockRoutes } = requireCjs('../shared/serverless/websocket-mock-routes.cjs') as {
    addMockRoutes: (resources: Record<string, unknown>, routes: Record<string, { response: string }>) => string;
  };
  type Cfn = { Type: string; DependsOn?: string[]; Properties?: Record<string, unknown> };

  it('packages ping as a MOCK route with a $default route response and the pong template, and no ping function', () => {
    const resources = template('notifications') as Record<string, Cfn>;
    const routes = ofType(resources, 'AWS::ApiGatewayV2::Route').map(([id, r]) => [id, r.Properties ?? {}] as const);
    const [routeId, ping] = routes.find(([, p]) => p.RouteKey === 'ping') ?? [];
    expect(ping).toMatchObject({ AuthorizationType: 'NONE', RouteResponseSelectionExpression: '$default' });
    const target = JSON.stringify(ping?.Target);
    const [integrationId, integration] =
      ofType(resources, 'AWS::ApiGatewayV2::Integration').find(([id]) => target.includes(`"${id}"`)) ?? [];
    expect(integration?.Properties).toMatchObject({
      IntegrationType: 'MOCK',
      RequestTemplates: { $default: '{"statusCode": 200}' },
    });
    const [, response] =
      ofType(resources, 'AWS::ApiGatewayV2::IntegrationResponse').find(
        ([, r]) => JSON.stringify(r.Properties?.IntegrationId) === JSON.stringify({ Ref: integrationId }),
      ) ?? [];
    expect(String((response?.Properties?.ResponseTemplates as Record<string, string>)?.$default)).toContain(
      '"type":"pong"',
    );
    const routeResponse = ofType(resources, 'AWS::ApiGatewayV2::RouteResponse').find(
      ([, r]) => JSON.stringify(r.Properties?.RouteId) === JSON.stringify({ Ref: routeId }),
    );
    expect(routeResponse?.[1].Properties).toMatchObject({ RouteResponseKey: '$default' });
    // the stage's deployment is the one that depends on the route, so it deploys with it
    const [deploymentId, deployment] = ofType(resources, 'AWS::ApiGatewayV2::Deployment')[0] ?? [];
    expect(ofType(resources, 'AWS::ApiGatewayV2::Deployment')).toHaveLength(1);
    expect((deployment as Cfn).DependsOn).toContain(routeId);
    expect(resources.WebsocketsDeploymentStage?.Properties?.DeploymentId).toEqual({ Ref: deploymentId });
    const lambdas = ofType(resources, 'AWS::Lambda::Function').map(([id]) => id);
    expect(lambdas).not.toContain('WsPingLambdaFunction');
    expect(lambdas).toContain('WsTypingLambdaFunction');
  });

  it('moves the deployment to a new logical id when a template changes, so the change deploys', () => {
    const compiled = () => ({
      WebsocketsDeploymentabc: {
        Type: 'AWS::ApiGatewayV2::Deployment',
        DependsOn: ['SConnectWebsocketsRoute'],
        Properties: {},
      },
      WebsocketsDeploymentStage: {
        Type: 'AWS::ApiGatewayV2::Stage',
        Properties: { DeploymentId: { Ref: 'WebsocketsDeploymentabc' } },
      },
    });
    const one = addMockRoutes(compiled(), { ping: { response: '{"type":"pong"}' } });
    const same = addMockRoutes(compiled(), { ping: { response: '{"type":"pong"}' } });
    const changed = addMockRoutes(compiled(), { ping: { response: '{"type":"pong","v":2}' } });
    expect(same).toBe(one);
    expect(changed).not.toBe(one);
    expect(() => addMockRoutes(compiled(), { ping: { response: '' } })).toThrow(/mapping template/);
    expect(() => addMockRoutes(compiled(), { 'sign-in': { response: '{}' } })).toThrow(/letters and digits/);
  });
});
