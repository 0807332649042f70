import { ApiError } from './api-client.ts';

/** How the outbox tries: a message is "Not sent" only when the server refused it (a 4xx). */
export interface SendPolicy {
  /** one attempt may take this long; then it is abandoned and tried again (API Gateway gives up at 30 s) */
  timeoutMs: number;
  /** the waits before the second, third, … attempt of a send that failed on the way; the last one repeats */
  retryDelaysMs: number[];
}

export const DEFAULT_SEND_POLICY: SendPolicy = {
  timeoutMs: 35_000,
  retryDelaysMs: [1_000, 2_000, 5_000, 10_000, 30_000],
};

export class SendTimeout extends Error {
  override name = 'SendTimeout';
}

/** The server looked at this message and said no: trying again would get the same answer. */
export function isRefusal(error: unknown): error is ApiError {
  if (!(error instanceof ApiError)) return false;
  const { status } = error;
  return status >= 400 && status < 500 && ![401, 408, 425, 429].includes(status);
}
