/** `Root=…;Parent=…` of an X-Ray trace header (malformed parts are left out). */
export declare function parseTraceHeader(header: string | undefined): { root?: string; parent?: string };

/** The trace header Lambda is invoked with for an event: its EventBridge entry's TraceHeader (never an HTTP header). */
export declare function traceHeaderOf(event: unknown): string | undefined;

/** Makes serverless-offline-aws-eventbridge's events remember their entry's TraceHeader; false if already done. */
export declare function patchEventBridgeDeliveries(Plugin: unknown): boolean;

/** Gives every run of serverless-offline's LambdaFunction its function segment and trace id. */
export declare function traceInvocations(
  LambdaFunction: { prototype: { setEvent(event: unknown): void; runHandler(): Promise<unknown> } },
  deps: { xray: unknown; invokeStore?: { run<T>(context: object, fn: () => T): T }; service?: string },
): void;
