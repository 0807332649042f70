import { objectKeys } from './attachments.ts';
import type { AttachmentRepository, Clock, FileStore } from './ports.ts';

/**
 * Removes what is due (ADR 0016): upload slots no message showed within their lifetime, and what
 * is left of discarded attachments (their message was deleted). Each is first claimed, a write
 * that fails if a message showed the slot meanwhile (then it is kept); then its objects go, then
 * its record. A failure leaves it claimed and due, for the next run.
 * Answers how many were removed and how many turned out to be sent.
 */
export async function sweepAttachments(
  deps: { attachments: AttachmentRepository; files: FileStore; clock: Clock },
  input: { batchSize?: number; maxBatches?: number } = {},
): Promise<{ removed: number; kept: number }> {
  const now = deps.clock.now().toISOString();
  let removed = 0;
  let kept = 0;
  const seen = new Set<string>();
  for (let batch = 0; batch < (input.maxBatches ?? 20); batch++) {
    // the index is eventually consistent: an entry just removed may be listed once more
    const due = (await deps.attachments.due(now, input.batchSize ?? 50)).filter((a) => !seen.has(a.id));
    if (due.length === 0) break;
    for (const attachment of due) {
      seen.add(attachment.id);
      if (!(await deps.attachments.claimForSweep(attachment.id, now))) {
        kept += 1;
        continue;
      }
      await deps.files.remove(objectKeys(attachment));
      await deps.attachments.remove(attachment.id);
      removed += 1;
    }
  }
  return { removed, kept };
}
