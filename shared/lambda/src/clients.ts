import { tracer } from './observability.ts';

type ClientCtor<C, O> = new (options: O) => C;

/**
 * Builds an AWS SDK v3 client once, wrapped by the tracer. Endpoints come from the
 * environment (AWS_ENDPOINT_URL_<SERVICE>), which the SDK reads itself: on AWS they are
 * unset, on devstack they point at the local servers. No code path differs.
 */
export function awsClient<C extends object, O extends object>(Ctor: ClientCtor<C, O>, options?: O): C {
  const client = new Ctor({ ...(options ?? {}) } as O);
  return tracer.captureAWSv3Client(client);
}
