// biome-ignore-all lint/suspicious/noExplicitAny: CloudFormation is free-form JSON, read field by field
import { existsSync, readFileSync } from 'node:fs';
import { IncomingMessage, ServerResponse } from 'node:http';
import { Socket } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { SECURITY_HEADERS, setSecurityHeaders } from '../tools/devstack/src/security-headers.ts';

// The web stack's packaged CloudFormation (`npm run package`, stage ci): the bucket, the distribution,
// its headers policy and the two CloudFront Functions, whose code runs here as CloudFront would run it.
const root = join(import.meta.dirname, '..');

interface Resource {
  Type: string;
  Properties: Record<string, any>;
}
type Template = { Resources: Record<string, Resource>; Outputs: Record<string, any> };

function packaged(service: string): Template {
  const file = join(root, 'services', service, '.serverless', 'cloudformation-template-update-stack.json');
  if (!existsSync(file)) throw new Error(`${service} is not packaged: run \`npm run package\` first`);
  return JSON.parse(readFileSync(file, 'utf8'));
}

const web = packaged('web');
const resources = web.Resources;
const config = resources.Distribution?.Properties.DistributionConfig;
const behaviors: Record<string, any>[] = config.CacheBehaviors;
const behavior = (pattern: string) => behaviors.find((b) => b.PathPattern === pattern);
const API_SERVICES = ['identity', 'messaging', 'notifications', 'numbers', 'calling', 'usage'];

interface ViewerRequest {
  uri: string;
  querystring: Record<string, { value: string }>;
  headers: Record<string, { value: string }>;
}
/** Runs a CloudFront Function's code (cloudfront-js-2.0) on a viewer request from `viewerIp`. */
function run(
  functionId: string,
  uri: string,
  querystring: ViewerRequest['querystring'] = {},
  headers: ViewerRequest['headers'] = {},
  viewerIp = '203.0.113.7',
) {
  const code = resources[functionId]?.Properties.FunctionCode as string;
  const handler = new Function(`${code}\nreturn handler;`)() as (e: {
    request: ViewerRequest;
    viewer: { ip: string };
  }) => unknown;
  return handler({ request: { uri, querystring, headers }, viewer: { ip: viewerIp } }) as ViewerRequest & {
    statusCode?: number;
    body?: { data: string };
  };
}

function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp.split(';').map((d) => {
      const [name = '', ...sources] = d.trim().split(/\s+/);
      return [name, sources];
    }),
  );
}

describe('web hosting stack (services/web)', () => {
  it('keeps the bucket private: no public access, no website endpoint, readable by this distribution only, TLS only', () => {
    const bucket = resources.WebBucket?.Properties;
    expect(bucket?.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
    expect(bucket?.WebsiteConfiguration).toBeUndefined();
    const statements = resources.WebBucketPolicy?.Properties.PolicyDocument.Statement as Record<string, any>[];
    const allows = statements.filter((s) => s.Effect === 'Allow');
    expect(allows).toHaveLength(1);
    expect(allows[0]).toMatchObject({ Principal: { Service: 'cloudfront.amazonaws.com' }, Action: 's3:GetObject' });
    expect(JSON.stringify(allows[0]?.Condition.StringEquals['AWS:SourceArn'])).toContain('{"Ref":"Distribution"}');
    expect(statements.find((s) => s.Sid === 'TlsOnly')).toMatchObject({ Effect: 'Deny' });
  });

  it('reads the bucket through Origin Access Control (SigV4), not a legacy identity', () => {
    expect(resources.WebOriginAccessControl?.Properties.OriginAccessControlConfig).toMatchObject({
      OriginAccessControlOriginType: 's3',
      SigningBehavior: 'always',
      SigningProtocol: 'sigv4',
    });
    const origin = config.Origins.find((o: { Id: string }) => o.Id === 'web');
    expect(origin.OriginAccessControlId).toEqual({ 'Fn::GetAtt': ['WebOriginAccessControl', 'Id'] });
    expect(origin.S3OriginConfig).toEqual({ OriginAccessIdentity: '' });
  });

  describe('the response headers policy', () => {
    const policy = resources.ResponseHeadersPolicy?.Properties.ResponseHeadersPolicyConfig;
    const csp: string = policy.SecurityHeadersConfig.ContentSecurityPolicy.ContentSecurityPolicy;

    it('is on every behaviour: the app, its assets, the API and the WebSocket', () => {
      for (const b of [config.DefaultCacheBehavior, ...behaviors])
        expect(b.ResponseHeadersPolicyId, b.PathPattern ?? 'default').toEqual({ Ref: 'ResponseHeadersPolicy' });
    });

    it('sends the CSP: scripts from the origin only, no plugins, no framing, no <base> tricks', () => {
      const d = directives(csp);
      expect(d.get('script-src')).toEqual(["'self'"]);
      expect(d.get('default-src')).toEqual(["'self'"]);
      expect(d.get('object-src')).toEqual(["'none'"]);
      expect(d.get('frame-ancestors')).toEqual(["'none'"]);
      expect(d.get('base-uri')).toEqual(["'self'"]);
      expect(csp).not.toMatch(/unsafe-eval/);
      expect(csp.length).toBeLessThanOrEqual(1783); // CloudFront's limit for the header
    });

    it('lets the browser reach the buckets whose presigned URLs it gets, and Chime, but no other host', () => {
      const d = directives(csp);
      const bucket = (name: string) => `https://parley-ci-${name}-eu-central-1.s3.eu-central-1.amazonaws.com`;
      expect(d.get('connect-src')).toEqual([
        "'self'",
        bucket('identity-avatars'),
        bucket('messaging-attachments'),
        'https://*.chime.aws',
        'wss://*.chime.aws',
      ]);
      expect(d.get('img-src')).toEqual([
        "'self'",
        'blob:',
        'data:',
        bucket('identity-avatars'),
        bucket('messaging-attachments'),
      ]);
      expect(d.get('media-src')).toEqual(["'self'", 'blob:', bucket('messaging-attachments'), bucket('calling-audio')]);
      expect(d.get('worker-src')).toEqual(["'self'", 'blob:']);
    });

    it('is the policy devstack sends, but for the hosts that differ per runtime', () => {
      const hostless = (policyText: string) =>
        [...directives(policyText)].map(([name, sources]) => [name, sources.filter((s) => !/^(https?|wss?):/.test(s))]);
      expect(hostless(csp)).toEqual(hostless(SECURITY_HEADERS['content-security-policy'] as string));
      expect(policy.SecurityHeadersConfig).toMatchObject({
        ContentTypeOptions: { Override: true },
        FrameOptions: { FrameOption: SECURITY_HEADERS['x-frame-options'], Override: true },
        ReferrerPolicy: { ReferrerPolicy: SECURITY_HEADERS['referrer-policy'], Override: true },
        StrictTransportSecurity: { AccessControlMaxAgeSec: 31536000, Override: true },
      });
      expect(SECURITY_HEADERS['x-content-type-options']).toBe('nosniff');
      for (const item of policy.CustomHeadersConfig.Items)
        expect(item.Value, item.Header).toBe(SECURITY_HEADERS[item.Header.toLowerCase()]);
    });
  });

  it('is what devstack’s origin sends on the app and the API; its own /_dev pages keep only the framing rules', () => {
    const headersFor = (path: string) => {
      const req = new IncomingMessage(new Socket());
      req.url = path;
      const res = new ServerResponse(req);
      setSecurityHeaders(res);
      return res.getHeaders();
    };
    for (const path of ['/', '/conversations/c1', '/api/identity/health'])
      expect(headersFor(path)['content-security-policy'], path).toBe(SECURITY_HEADERS['content-security-policy']);
    for (const path of ['/_dev', '/_dev/phone']) {
      const csp = String(headersFor(path)['content-security-policy']);
      expect(csp, path).toContain("frame-ancestors 'none'");
      expect(csp, path).not.toContain('script-src');
    }
    expect(headersFor('/_dev/phone')['x-content-type-options']).toBe('nosniff');
  });

  describe('the single-page app', () => {
    it('sends the client’s own routes (and unknown .html pages) to /index.html, files as they are', () => {
      expect(run('SpaFallbackFunction', '/').uri).toBe('/index.html');
      expect(run('SpaFallbackFunction', '/conversations/c1').uri).toBe('/index.html');
      expect(run('SpaFallbackFunction', '/old.html').uri).toBe('/index.html');
      expect(run('SpaFallbackFunction', '/assets/index-BnGeFHCd.js').uri).toBe('/assets/index-BnGeFHCd.js');
      expect(run('SpaFallbackFunction', '/favicon.svg').uri).toBe('/favicon.svg');
    });

    it('answers an API path of no service with a 404 in the API’s error shape, not the app', () => {
      const answer = run('SpaFallbackFunction', '/api/nope/things');
      expect(answer.statusCode).toBe(404);
      expect(JSON.parse(answer.body?.data ?? '')).toMatchObject({ error: { code: 'not_found' } });
    });

    it('has no custom error responses, which would turn the API’s 403 and 404 into index.html', () => {
      expect(config.CustomErrorResponses).toBeUndefined();
    });

    it('caches hashed /assets/ for a year and compressed, and revalidates index.html', () => {
      const assets = resources.AssetsCachePolicy?.Properties.CachePolicyConfig;
      expect(behavior('/assets/*')).toMatchObject({ CachePolicyId: { Ref: 'AssetsCachePolicy' }, Compress: true });
      expect(assets).toMatchObject({ DefaultTTL: 31536000, MaxTTL: 31536000 });
      expect(assets.ParametersInCacheKeyAndForwardedToOrigin).toMatchObject({
        EnableAcceptEncodingGzip: true,
        EnableAcceptEncodingBrotli: true,
      });
      expect(config.DefaultCacheBehavior).toMatchObject({ CachePolicyId: { Ref: 'AppCachePolicy' }, Compress: true });
      expect(resources.AppCachePolicy?.Properties.CachePolicyConfig).toMatchObject({ MinTTL: 0, DefaultTTL: 0 });
      expect(config.DefaultCacheBehavior.ViewerProtocolPolicy).toBe('redirect-to-https');
    });
  });

  describe('the API and the WebSocket on the app’s own origin (as on devstack)', () => {
    it('routes /api/<service>/* to that service’s HTTP API, uncached, every method, Host left out', () => {
      for (const service of API_SERVICES) {
        const b = behavior(`/api/${service}/*`);
        expect(b, service).toMatchObject({
          TargetOriginId: `api-${service}`,
          CachePolicyId: '4135ea2d-6df8-44a3-9df3-4b5e84be39ad', // Managed-CachingDisabled
          OriginRequestPolicyId: 'b689b0a8-53d0-40ab-baf2-68738e2966ac', // Managed-AllViewerExceptHostHeader
        });
        expect(b?.AllowedMethods, service).toEqual(expect.arrayContaining(['POST', 'PUT', 'PATCH', 'DELETE']));
        const origin = config.Origins.find((o: { Id: string }) => o.Id === `api-${service}`);
        expect(JSON.stringify(origin.DomainName), service).toContain(`sls-parley-${service}-ci-HttpApiId`);
        expect(origin.CustomOriginConfig.OriginProtocolPolicy).toBe('https-only');
      }
    });

    it('strips /api/<service> before the HTTP API sees the path, and sends /ws to the WebSocket stage', () => {
      const qs = { afterSeq: { value: '4' } };
      expect(run('ApiPathFunction', '/api/messaging/conversations/c1/messages', qs)).toMatchObject({
        uri: '/conversations/c1/messages',
        querystring: qs,
      });
      expect(run('ApiPathFunction', '/api/identity/.well-known/jwks.json').uri).toBe('/.well-known/jwks.json');
      expect(run('ApiPathFunction', '/api/identity/').uri).toBe('/');
      expect(run('ApiPathFunction', '/ws', { token: { value: 't' } })).toMatchObject({
        uri: '/ci',
        querystring: { token: { value: 't' } },
      });
      expect(behavior('/ws')).toMatchObject({ TargetOriginId: 'ws-notifications' });
    });

    it("tells identity the viewer's address (a forged one replaced) with the platform's secret that proves it came through CloudFront", () => {
      const forged = { 'x-parley-viewer-ip': { value: '10.0.0.1' } };
      expect(run('ApiPathFunction', '/api/identity/auth/login', {}, forged).headers).toEqual({
        'x-parley-viewer-ip': { value: '203.0.113.7' },
      });
      const identity = config.Origins.find((o: { Id: string }) => o.Id === 'api-identity');
      expect(identity.OriginCustomHeaders).toEqual([
        { HeaderName: 'x-parley-origin-verify', HeaderValue: '{{resolve:secretsmanager:parley-ci-origin-verify}}' },
      ]);
      const secret = packaged('platform').Resources.OriginVerifySecret;
      expect(secret).toMatchObject({
        Type: 'AWS::SecretsManager::Secret',
        Properties: { Name: 'parley-ci-origin-verify' },
      });
      expect(secret?.Properties.GenerateSecretString.PasswordLength).toBeGreaterThanOrEqual(32);
      const login = packaged('identity').Resources.LoginLambdaFunction;
      expect(login?.Properties.Environment.Variables.ORIGIN_VERIFY_SECRET).toBe(
        '{{resolve:secretsmanager:parley-ci-origin-verify}}',
      );
    });

    it('imports only what the other stacks export, and deploys after each of them', () => {
      const imports = [...JSON.stringify(resources).matchAll(/"Fn::ImportValue":"([^"]+)"/g)].map((m) => m[1]);
      expect(imports.length).toBe(API_SERVICES.length + 1);
      const compose = parse(readFileSync(join(root, 'serverless-compose.yml'), 'utf8'));
      for (const name of imports) {
        const service = /^sls-parley-(\w+)-ci-/.exec(name ?? '')?.[1] ?? '';
        const exports = Object.values(packaged(service).Outputs).map((o) => o.Export?.Name);
        expect(exports, name).toContain(name);
        expect(compose.services.web.dependsOn, name).toContain(service);
      }
    });
  });
});
