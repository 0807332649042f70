'use strict';
/**
 * Creates a service's DynamoDB tables and S3 buckets on devstack from the same CloudFormation
 * resource definitions that are deployed to AWS (`resources.Resources` of its serverless.yml),
 * and resolves `Ref`/`Fn::GetAtt` of those resources in function environments.
 *
 * Plain CommonJS: the Serverless Framework loads it directly, without a TypeScript loader.
 * Types for callers in TypeScript: ./provision.d.cts.
 */

const ACCOUNT_ID = '000000000000';

/** Name CloudFormation would give an unnamed resource is unknowable; devstack uses a stable one. */
function physicalName(resource, logicalId, context, lowerCase) {
  const explicit = resource.Properties?.TableName ?? resource.Properties?.BucketName;
  if (typeof explicit === 'string' && explicit.length > 0) return explicit;
  const name = `${context.service}-${context.stage}-${logicalId}`;
  return lowerCase ? name.toLowerCase() : name;
}

function byType(resources, type) {
  return Object.entries(resources ?? {}).filter(([, r]) => r && r.Type === type);
}

function throughput(pt) {
  if (!pt) return undefined;
  return { ReadCapacityUnits: Number(pt.ReadCapacityUnits), WriteCapacityUnits: Number(pt.WriteCapacityUnits) };
}

function index(idx, provisioned) {
  return {
    IndexName: idx.IndexName,
    KeySchema: idx.KeySchema,
    Projection: idx.Projection ?? { ProjectionType: 'ALL' },
    ...(provisioned
      ? {
          ProvisionedThroughput: throughput(idx.ProvisionedThroughput) ?? {
            ReadCapacityUnits: 5,
            WriteCapacityUnits: 5,
          },
        }
      : {}),
  };
}

/**
 * AWS::DynamoDB::Table properties → CreateTable input (+ the TTL to apply afterwards).
 * Ignored on purpose: PITR, SSE, tags, deletion protection, contributor insights (no local meaning).
 */
function tableInput(logicalId, resource, context) {
  const p = resource.Properties ?? {};
  const provisioned = p.BillingMode === 'PROVISIONED' || (!p.BillingMode && p.ProvisionedThroughput);
  const input = {
    TableName: physicalName(resource, logicalId, context, false),
    AttributeDefinitions: p.AttributeDefinitions,
    KeySchema: p.KeySchema,
    BillingMode: provisioned ? 'PROVISIONED' : 'PAY_PER_REQUEST',
    ...(provisioned
      ? {
          ProvisionedThroughput: throughput(p.ProvisionedThroughput) ?? { ReadCapacityUnits: 5, WriteCapacityUnits: 5 },
        }
      : {}),
    ...(p.GlobalSecondaryIndexes?.length
      ? { GlobalSecondaryIndexes: p.GlobalSecondaryIndexes.map((i) => index(i, provisioned)) }
      : {}),
    ...(p.LocalSecondaryIndexes?.length
      ? { LocalSecondaryIndexes: p.LocalSecondaryIndexes.map((i) => index(i, false)) }
      : {}),
    ...(p.StreamSpecification?.StreamViewType
      ? { StreamSpecification: { StreamEnabled: true, StreamViewType: p.StreamSpecification.StreamViewType } }
      : {}),
  };
  const ttl = p.TimeToLiveSpecification;
  const enabled = ttl && (ttl.Enabled === true || ttl.Enabled === 'true');
  return { logicalId, input, ttl: enabled ? { AttributeName: ttl.AttributeName, Enabled: true } : undefined };
}

/** AWS::S3::Bucket properties → bucket name and CORS rules (the devstack origin added to each rule). */
function bucketInput(logicalId, resource, context) {
  const rules = resource.Properties?.CorsConfiguration?.CorsRules ?? [];
  const withOrigin = (origins) => {
    const list = Array.isArray(origins) ? [...origins] : [];
    if (context.publicOrigin && !list.includes('*') && !list.includes(context.publicOrigin))
      list.push(context.publicOrigin);
    return list;
  };
  return {
    logicalId,
    name: physicalName(resource, logicalId, context, true),
    corsRules: rules.map((r) => ({
      ...(r.Id ? { ID: r.Id } : {}),
      AllowedMethods: r.AllowedMethods,
      AllowedOrigins: withOrigin(r.AllowedOrigins),
      ...(r.AllowedHeaders ? { AllowedHeaders: r.AllowedHeaders } : {}),
      ...(r.ExposedHeaders ? { ExposeHeaders: r.ExposedHeaders } : {}),
      ...(r.MaxAge !== undefined ? { MaxAgeSeconds: Number(r.MaxAge) } : {}),
    })),
  };
}

/** Everything devstack will create for one service, computed from its resources. Pure. */
function plan(resources, context) {
  return {
    tables: byType(resources, 'AWS::DynamoDB::Table').map(([id, r]) => tableInput(id, r, context)),
    buckets: byType(resources, 'AWS::S3::Bucket').map(([id, r]) => bucketInput(id, r, context)),
  };
}

/** What `Ref` and `Fn::GetAtt` of the planned resources mean locally (arn formats as on AWS). */
function referenceTable(planned, context) {
  const refs = {};
  const atts = {};
  for (const t of planned.tables) {
    refs[t.logicalId] = t.input.TableName;
    atts[`${t.logicalId}.Arn`] = `arn:aws:dynamodb:${context.region}:${ACCOUNT_ID}:table/${t.input.TableName}`;
    if (t.streamArn) atts[`${t.logicalId}.StreamArn`] = t.streamArn;
  }
  for (const b of planned.buckets) {
    refs[b.logicalId] = b.name;
    atts[`${b.logicalId}.Arn`] = `arn:aws:s3:::${b.name}`;
    atts[`${b.logicalId}.DomainName`] = `${b.name}.s3.amazonaws.com`;
    atts[`${b.logicalId}.RegionalDomainName`] = `${b.name}.s3.${context.region}.amazonaws.com`;
  }
  return { refs, atts };
}

/**
 * Replaces, in place, `{Ref: X}` and `{"Fn::GetAtt": [X, Attr]}` values of an environment map
 * when X is a table or bucket devstack created (serverless-offline would pass "[object Object]").
 * Returns the names of the variables it resolved.
 */
function resolveEnvironment(environment, references) {
  const resolved = [];
  if (!environment || typeof environment !== 'object') return resolved;
  for (const [key, value] of Object.entries(environment)) {
    if (!value || typeof value !== 'object') continue;
    let replacement;
    if (typeof value.Ref === 'string') replacement = references.refs[value.Ref];
    const getAtt = value['Fn::GetAtt'];
    if (getAtt) {
      const [id, attr] = Array.isArray(getAtt) ? getAtt : String(getAtt).split('.');
      replacement = references.atts[`${id}.${attr}`];
    }
    if (replacement !== undefined) {
      environment[key] = replacement;
      resolved.push(key);
    }
  }
  return resolved;
}

function isConnectionError(err) {
  const code = err?.code ?? err?.cause?.code ?? err?.errno;
  return (
    ['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH'].includes(code) || err?.name === 'TimeoutError'
  );
}

/** Retries an AWS call while the local server is still starting (DynamoDB Local's JVM needs a few seconds). */
async function whenReachable(fn, { timeoutMs = 60_000, delayMs = 250 } = {}) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await fn();
    } catch (err) {
      if (!isConnectionError(err) || Date.now() > deadline) throw err;
      await new Promise((r) => setTimeout(r, delayMs));
    }
  }
}

/** Creates (or completes) one table: missing table → CreateTable; missing GSIs → UpdateTable; TTL → UpdateTimeToLive. */
async function ensureTable(dynamodb, sdk, table, log) {
  const name = table.input.TableName;
  let description;
  try {
    description = (await whenReachable(() => dynamodb.send(new sdk.DescribeTableCommand({ TableName: name })))).Table;
  } catch (err) {
    if (err?.name !== 'ResourceNotFoundException') throw err;
  }
  if (!description) {
    try {
      description = (await dynamodb.send(new sdk.CreateTableCommand(table.input))).TableDescription;
      log(`created table ${name}`);
    } catch (err) {
      // Two processes racing on a shared table: the other one won.
      if (err?.name !== 'ResourceInUseException') throw err;
      description = (await dynamodb.send(new sdk.DescribeTableCommand({ TableName: name }))).Table;
    }
  } else {
    const existing = new Set((description.GlobalSecondaryIndexes ?? []).map((i) => i.IndexName));
    const missing = (table.input.GlobalSecondaryIndexes ?? []).filter((i) => !existing.has(i.IndexName));
    for (const gsi of missing) {
      await dynamodb.send(
        new sdk.UpdateTableCommand({
          TableName: name,
          AttributeDefinitions: table.input.AttributeDefinitions,
          GlobalSecondaryIndexUpdates: [{ Create: gsi }],
        }),
      );
      log(`added index ${gsi.IndexName} to ${name}`);
    }
  }
  if (description?.LatestStreamArn) table.streamArn = description.LatestStreamArn;
  if (table.ttl) {
    const current = await dynamodb.send(new sdk.DescribeTimeToLiveCommand({ TableName: name }));
    const status = current.TimeToLiveDescription?.TimeToLiveStatus;
    if (status !== 'ENABLED' || current.TimeToLiveDescription?.AttributeName !== table.ttl.AttributeName) {
      await dynamodb.send(new sdk.UpdateTimeToLiveCommand({ TableName: name, TimeToLiveSpecification: table.ttl }));
    }
  }
}

/** Creates one bucket if missing and applies its CORS rules (always, so template changes take effect). */
async function ensureBucket(s3, sdk, bucket, log) {
  let exists = true;
  try {
    await whenReachable(() => s3.send(new sdk.HeadBucketCommand({ Bucket: bucket.name })));
  } catch (err) {
    if (err?.name !== 'NotFound' && err?.$metadata?.httpStatusCode !== 404) throw err;
    exists = false;
  }
  if (!exists) {
    try {
      await s3.send(new sdk.CreateBucketCommand({ Bucket: bucket.name }));
      log(`created bucket ${bucket.name}`);
    } catch (err) {
      if (err?.name !== 'BucketAlreadyOwnedByYou' && err?.name !== 'BucketAlreadyExists') throw err;
    }
  }
  if (bucket.corsRules.length > 0) {
    await s3.send(
      new sdk.PutBucketCorsCommand({ Bucket: bucket.name, CORSConfiguration: { CORSRules: bucket.corsRules } }),
    );
  }
}

/**
 * Creates every planned table and bucket against the given clients, idempotently.
 * `sdk` carries the command classes so this file needs no SDK of its own at load time.
 */
async function provision(planned, { dynamodb, s3, dynamodbSdk, s3Sdk, log = () => {} }) {
  if (planned.tables.length > 0) {
    await Promise.all(planned.tables.map((t) => ensureTable(dynamodb, dynamodbSdk, t, log)));
  }
  if (planned.buckets.length > 0) {
    await Promise.all(planned.buckets.map((b) => ensureBucket(s3, s3Sdk, b, log)));
  }
}

module.exports = { plan, provision, referenceTable, resolveEnvironment, whenReachable, ACCOUNT_ID };
