/** The answer API Gateway's HTTP API gives when the Lambda integration fails. */
export declare const INTERNAL_SERVER_ERROR: Readonly<{
  statusCode: 500;
  headers: Record<string, string>;
  body: string;
  isBase64Encoded: false;
}>;

/** The request header devstack's origin passes the request's API Gateway request id in. */
export declare const REQUEST_ID_HEADER: 'x-parley-devstack-request-id';

/** Moves the origin's request id into the event's requestContext.requestId (removing the header); returns the event. */
export declare function shareRequestId<E>(event: E): E;

/** Unique request ids for serverless-offline's HTTP API 2.0 events, and marks them as such. */
export declare function patchHttpApiEvents(EventV2: { prototype: { create(): unknown } }): void;

/** Makes serverless-offline's LambdaFunction return INTERNAL_SERVER_ERROR for a failed HTTP API 2.0 run. */
export declare function answerFailuresAs500(
  LambdaFunction: { prototype: { setEvent(event: unknown): void; runHandler(): Promise<unknown> } },
  onError: (functionName: string, error: unknown) => void,
): void;

/**
 * Answers the named HTTP API authorizers (deployed function name → resultTtlInSeconds) from a cache
 * keyed by their identity source, as API Gateway does.
 */
export declare function cacheAuthorizerResults(
  LambdaFunction: {
    prototype: { functionName?: string; setEvent(event: unknown): void; runHandler(): Promise<unknown> };
  },
  ttlSeconds: ReadonlyMap<string, number>,
  now?: () => number,
): void;
