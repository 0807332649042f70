import { setTimeout as sleep } from 'node:timers/promises';

type TransactionResult = { canceled: boolean; data: readonly { rejected?: boolean; code?: string; item?: unknown }[] };

/** Why a transaction was refused: each action's code and, where asked for (`response: 'all_old'`), its item as stored. */
export interface Cancellation {
  codes: string[];
  items: unknown[];
}

export class TransactionFailed extends Error {
  override name = 'TransactionFailed';
}

/**
 * Runs a write transaction. Returns undefined when it committed, or the cancellation code of each
 * action (`ConditionalCheckFailed`, `None`, …) when a condition failed. A transaction cancelled
 * only by a conflicting concurrent transaction is retried with jittered backoff (6 times, about 1.3 s
 * in all: DynamoDB Local reports conflicts under a burst of sends far more often than DynamoDB), then
 * reported as an error.
 */
export async function transact(run: () => Promise<TransactionResult>): Promise<string[] | undefined> {
  return (await transactWithReasons(run))?.codes;
}

/** `transact`, answering with the items that failed their condition too (the actions committed with `response: 'all_old'`). */
export async function transactWithReasons(run: () => Promise<TransactionResult>): Promise<Cancellation | undefined> {
  for (let attempt = 0; ; attempt++) {
    const result = await run();
    if (!result.canceled) return undefined;
    const codes = result.data.map((d) => d.code ?? 'None');
    if (codes.includes('ConditionalCheckFailed')) return { codes, items: result.data.map((d) => d.item ?? undefined) };
    if (!codes.includes('TransactionConflict') || attempt >= 6) {
      throw new TransactionFailed(`transaction cancelled: ${codes.join(', ')}`);
    }
    await sleep(20 * 2 ** attempt + Math.random() * 20);
  }
}
