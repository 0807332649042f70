import { describe, expect, it } from 'vitest';
import { plan, referenceTable, resolveEnvironment } from '../plugin/provision.cjs';

const context = {
  service: 'parley-numbers',
  stage: 'local',
  region: 'eu-central-1',
  publicOrigin: 'http://localhost:3000',
};

const numbersTable = {
  Type: 'AWS::DynamoDB::Table',
  Properties: {
    TableName: 'parley-numbers-local',
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [
      { AttributeName: 'pk', AttributeType: 'S' },
      { AttributeName: 'sk', AttributeType: 'S' },
      { AttributeName: 'gsi1pk', AttributeType: 'S' },
      { AttributeName: 'gsi1sk', AttributeType: 'S' },
    ],
    KeySchema: [
      { AttributeName: 'pk', KeyType: 'HASH' },
      { AttributeName: 'sk', KeyType: 'RANGE' },
    ],
    GlobalSecondaryIndexes: [
      {
        IndexName: 'gsi1',
        KeySchema: [
          { AttributeName: 'gsi1pk', KeyType: 'HASH' },
          { AttributeName: 'gsi1sk', KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      },
    ],
    StreamSpecification: { StreamViewType: 'NEW_AND_OLD_IMAGES' },
    TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
    PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
    SSESpecification: { SSEEnabled: true },
  },
};

describe('the devstack plugin reads CloudFormation resources', () => {
  it('given a table, then CreateTable gets its keys, indexes and stream, and TTL is applied after', () => {
    const { tables, buckets } = plan({ Table: numbersTable, Queue: { Type: 'AWS::SQS::Queue' } }, context);

    expect(buckets).toEqual([]);
    expect(tables).toHaveLength(1);
    const [table] = tables;
    expect(table?.input).toEqual({
      TableName: 'parley-numbers-local',
      AttributeDefinitions: numbersTable.Properties.AttributeDefinitions,
      KeySchema: numbersTable.Properties.KeySchema,
      BillingMode: 'PAY_PER_REQUEST',
      GlobalSecondaryIndexes: numbersTable.Properties.GlobalSecondaryIndexes,
      StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' },
    });
    expect(table?.ttl).toEqual({ AttributeName: 'expiresAt', Enabled: true });
  });

  it('given a provisioned table without a name, then it gets throughput on table and indexes and a stable local name', () => {
    const provisioned = {
      Type: 'AWS::DynamoDB::Table',
      Properties: {
        ...numbersTable.Properties,
        TableName: undefined,
        BillingMode: 'PROVISIONED',
        ProvisionedThroughput: { ReadCapacityUnits: '2', WriteCapacityUnits: 3 },
        TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: false },
      },
    };

    const [table] = plan({ Calls: provisioned }, context).tables;

    expect(table?.input.TableName).toBe('parley-numbers-local-Calls');
    expect(table?.input.ProvisionedThroughput).toEqual({ ReadCapacityUnits: 2, WriteCapacityUnits: 3 });
    expect(table?.input.GlobalSecondaryIndexes?.[0]?.ProvisionedThroughput).toEqual({
      ReadCapacityUnits: 5,
      WriteCapacityUnits: 5,
    });
    expect(table?.ttl).toBeUndefined();
  });

  it('given a bucket with CORS for the production origin, then the devstack origin is added to each rule', () => {
    const bucket = {
      Type: 'AWS::S3::Bucket',
      Properties: {
        BucketName: 'parley-local-attachments',
        CorsConfiguration: {
          CorsRules: [
            {
              AllowedMethods: ['PUT', 'GET'],
              AllowedOrigins: ['https://app.parley.example'],
              AllowedHeaders: ['*'],
              ExposedHeaders: ['ETag'],
              MaxAge: 3000,
            },
          ],
        },
      },
    };

    const { buckets } = plan({ Attachments: bucket, Unnamed: { Type: 'AWS::S3::Bucket' } }, context);

    expect(buckets).toEqual([
      {
        logicalId: 'Attachments',
        name: 'parley-local-attachments',
        corsRules: [
          {
            AllowedMethods: ['PUT', 'GET'],
            AllowedOrigins: ['https://app.parley.example', 'http://localhost:3000'],
            AllowedHeaders: ['*'],
            ExposeHeaders: ['ETag'],
            MaxAgeSeconds: 3000,
          },
        ],
      },
      { logicalId: 'Unnamed', name: 'parley-numbers-local-unnamed', corsRules: [] },
    ]);
  });

  it('when environments refer to local tables and buckets, then Ref and Fn::GetAtt become their names and ARNs; other values stay', () => {
    const planned = plan(
      { Table: numbersTable, Files: { Type: 'AWS::S3::Bucket', Properties: { BucketName: 'files-local' } } },
      context,
    );
    const environment: Record<string, unknown> = {
      TABLE_NAME: { Ref: 'Table' },
      TABLE_ARN: { 'Fn::GetAtt': ['Table', 'Arn'] },
      BUCKET: { Ref: 'Files' },
      BUS: { 'Fn::ImportValue': 'parley-local-EventBusName' },
      PLAIN: 'x',
    };

    const resolved = resolveEnvironment(environment, referenceTable(planned, context));

    expect(resolved.sort()).toEqual(['BUCKET', 'TABLE_ARN', 'TABLE_NAME']);
    expect(environment).toEqual({
      TABLE_NAME: 'parley-numbers-local',
      TABLE_ARN: 'arn:aws:dynamodb:eu-central-1:000000000000:table/parley-numbers-local',
      BUCKET: 'files-local',
      BUS: { 'Fn::ImportValue': 'parley-local-EventBusName' },
      PLAIN: 'x',
    });
  });
});
