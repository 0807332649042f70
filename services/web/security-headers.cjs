// The response headers policy's configuration, from security-headers.json (which devstack's origin
// reads too). serverless.yml resolves `${file(./security-headers.cjs):<key>}` at package time; the
// functions get serverless' resolver, for the stage and region the storage hosts are named after.
const { readFileSync } = require('node:fs');
const { join } = require('node:path');

const policy = JSON.parse(readFileSync(join(__dirname, 'security-headers.json'), 'utf8'));

/** The CSP header value, with `$group` sources replaced by `hosts` (and `{stage}`, `{region}` filled in). */
function contentSecurityPolicy(hosts, names) {
  const fill = (source) => source.replace(/\{(\w+)\}/g, (_, key) => names[key]);
  return Object.entries(policy.contentSecurityPolicy)
    .map(([directive, sources]) => {
      const filled = sources.flatMap((s) => (s.startsWith('$') ? hosts[s] : [s])).map(fill);
      return [directive, ...new Set(filled)].join(' ');
    })
    .join('; ');
}

async function names(resolveVariable) {
  return { stage: await resolveVariable('sls:stage'), region: await resolveVariable('self:provider.region') };
}

const hsts = policy.httpsHeaders['Strict-Transport-Security'];

/** CloudFront's SecurityHeadersConfig: the headers it has a field for. */
async function securityHeadersConfig({ resolveVariable }) {
  const h = policy.headers;
  return {
    ContentSecurityPolicy: {
      ContentSecurityPolicy: contentSecurityPolicy(policy.hosts.aws, await names(resolveVariable)),
      Override: true,
    },
    ContentTypeOptions: { Override: true },
    FrameOptions: { FrameOption: h['X-Frame-Options'], Override: true },
    ReferrerPolicy: { ReferrerPolicy: h['Referrer-Policy'], Override: true },
    StrictTransportSecurity: {
      AccessControlMaxAgeSec: Number(/max-age=(\d+)/.exec(hsts)[1]),
      IncludeSubdomains: /includeSubDomains/.test(hsts),
      Preload: /preload/.test(hsts),
      Override: true,
    },
  };
}

const ownFields = new Set(['X-Content-Type-Options', 'X-Frame-Options', 'Referrer-Policy']);

/** CloudFront's CustomHeadersConfig: the others (Permissions-Policy, Cross-Origin-Opener-Policy). */
function customHeadersConfig() {
  return {
    Items: Object.entries(policy.headers)
      .filter(([name]) => !ownFields.has(name))
      .map(([Header, Value]) => ({ Header, Value, Override: true })),
  };
}

module.exports = { securityHeadersConfig, customHeadersConfig, contentSecurityPolicy };
