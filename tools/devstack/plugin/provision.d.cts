import type { CreateTableCommandInput, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { CORSRule, S3Client } from '@aws-sdk/client-s3';

export interface PlanContext {
  service: string;
  stage: string;
  region: string;
  /** devstack's browser origin, added to every CORS rule */
  publicOrigin?: string;
}

export interface PlannedTable {
  logicalId: string;
  input: CreateTableCommandInput & { TableName: string };
  ttl?: { AttributeName: string; Enabled: true };
  streamArn?: string;
}

export interface PlannedBucket {
  logicalId: string;
  name: string;
  corsRules: CORSRule[];
}

export interface Plan {
  tables: PlannedTable[];
  buckets: PlannedBucket[];
}

export interface References {
  refs: Record<string, string>;
  atts: Record<string, string>;
}

export const ACCOUNT_ID: string;
export function plan(resources: Record<string, unknown> | undefined, context: PlanContext): Plan;
export function referenceTable(planned: Plan, context: PlanContext): References;
export function resolveEnvironment(environment: Record<string, unknown> | undefined, references: References): string[];
export function whenReachable<T>(fn: () => Promise<T>, options?: { timeoutMs?: number; delayMs?: number }): Promise<T>;
export function provision(
  planned: Plan,
  deps: {
    dynamodb: DynamoDBClient;
    s3: S3Client;
    dynamodbSdk: typeof import('@aws-sdk/client-dynamodb');
    s3Sdk: typeof import('@aws-sdk/client-s3');
    log?: (message: string) => void;
  },
): Promise<void>;
