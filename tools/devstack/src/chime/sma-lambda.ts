/**
 * How devstack's SIP media application reaches its Lambda: the real `@aws-sdk/client-lambda`
 * InvokeCommand against the Lambda port of the serverless-offline that hosts the function
 * (function name `parley-<service>-local-<key>` → that service's port), as Chime invokes it on AWS.
 */
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import type { LambdaInvoker } from './ports.ts';

/** The function name inside a Lambda ARN (`arn:aws:lambda:<region>:<account>:function:<name>[:<qualifier>]`), or the name itself. */
export function functionNameOf(lambdaArn: string): string {
  const parts = lambdaArn.split(':');
  return lambdaArn.startsWith('arn:') && parts[5] === 'function' ? (parts[6] ?? lambdaArn) : lambdaArn;
}

/** The Parley service of a function deployed as `parley-<service>-<stage>-<key>`. */
export function serviceOfFunction(name: string, stage: string): string | undefined {
  const match = new RegExp(`^parley-([a-z0-9]+)-${stage}-[A-Za-z0-9]+$`).exec(name);
  return match?.[1];
}

export class LambdaInvokeError extends Error {
  override readonly name = 'LambdaInvokeError';
}

/**
 * A LambdaInvoker for devstack. `lambdaPortOf(service)` is the offline Lambda port of a running
 * service (undefined when it does not run). A function error (FunctionError, e.g. the handler
 * threw, or ResourceNotFoundException) rejects, like an HTTP error; so does an unknown service.
 */
export function offlineLambdaInvoker(options: {
  stage: string;
  region: string;
  credentials: { accessKeyId: string; secretAccessKey: string };
  lambdaPortOf(service: string): number | undefined;
}): LambdaInvoker & { destroy(): void } {
  const clients = new Map<number, LambdaClient>();
  const clientFor = (port: number) => {
    let client = clients.get(port);
    if (!client) {
      client = new LambdaClient({
        region: options.region,
        credentials: options.credentials,
        endpoint: `http://127.0.0.1:${port}`,
        // The SMA's own 5 s / 20 s rules decide; the SDK must not retry behind their back.
        maxAttempts: 1,
      });
      clients.set(port, client);
    }
    return client;
  };
  const invoke = async (lambdaArn: string, payload: unknown): Promise<unknown> => {
    const name = functionNameOf(lambdaArn);
    const service = serviceOfFunction(name, options.stage);
    const port = service ? options.lambdaPortOf(service) : undefined;
    if (port === undefined)
      throw new LambdaInvokeError(
        `No running service hosts ${name} (functions are parley-<service>-${options.stage}-<key>).`,
      );
    return invokeOnce(clientFor(port), name, payload);
  };
  return Object.assign(invoke, {
    destroy: () => {
      for (const client of clients.values()) client.destroy();
    },
  });
}

/** One synchronous invocation; the parsed Payload (a string when it is not JSON). */
export async function invokeOnce(client: LambdaClient, functionName: string, payload: unknown): Promise<unknown> {
  const out = await client.send(
    new InvokeCommand({ FunctionName: functionName, Payload: new TextEncoder().encode(JSON.stringify(payload)) }),
  );
  const text = out.Payload ? new TextDecoder().decode(out.Payload) : '';
  if (out.FunctionError)
    throw new LambdaInvokeError(`${functionName} failed (${out.FunctionError}): ${text.slice(0, 500)}`);
  try {
    return text ? JSON.parse(text) : null;
  } catch {
    return text;
  }
}
