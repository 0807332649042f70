import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { S3Client } from '@aws-sdk/client-s3';
import type { DevstackInfo } from './devstack-info.ts';

/**
 * SDK clients configured exactly like a handler on this devstack (same endpoints, region and dummy
 * credentials), for tests that check what a handler wrote or set up data it reads.
 */
export function devstackClients(info: DevstackInfo) {
  const common = { region: info.region, credentials: info.credentials };
  const endpoint = (name: string) => {
    const url = info.endpoints[`AWS_ENDPOINT_URL_${name}`];
    if (!url) throw new Error(`devstack has no AWS_ENDPOINT_URL_${name}`);
    return url;
  };
  const dynamodb = new DynamoDBClient({ ...common, endpoint: endpoint('DYNAMODB') });
  const s3 = new S3Client({ ...common, endpoint: endpoint('S3'), forcePathStyle: true });
  const eventBridge = new EventBridgeClient({ ...common, endpoint: endpoint('EVENTBRIDGE') });
  return {
    dynamodb,
    s3,
    eventBridge,
    destroy() {
      dynamodb.destroy();
      s3.destroy();
      eventBridge.destroy();
    },
  };
}
