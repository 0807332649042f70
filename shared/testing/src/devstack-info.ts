/** How to reach a running devstack: the content of `<data-dir>/devstack.json` and of `GET /_dev/info`. */
export interface DevstackInfo {
  /** the public origin, e.g. http://localhost:3000 */
  url: string;
  pid: number;
  dataDir: string;
  region: string;
  stage: string;
  /** who notifications texts through (`--messaging-provider`) */
  messagingProvider?: 'aws' | 'twilio';
  readyInMs?: number;
  credentials: { accessKeyId: string; secretAccessKey: string };
  ports: Record<
    'origin' | 'dynamodb' | 's3' | 'ssm' | 'sns' | 'chimeMeetings' | 'chimeVoice' | 'eventBridge' | 'eventBridgePubSub',
    number
  >;
  /** offline ports per service present */
  services: Record<string, { http: number; lambda: number; websocket: number }>;
  /** the AWS_ENDPOINT_URL_* every handler gets */
  endpoints: Record<string, string>;
}

declare module 'vitest' {
  export interface ProvidedContext {
    /** the devstack the integration project's global setup started (or reused) */
    devstack: DevstackInfo;
  }
}
