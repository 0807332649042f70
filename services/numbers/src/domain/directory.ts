import type { NumberRepository } from './ports.ts';

/** Port: the numbers service's copy of who exists, for validating assignments. */
export interface DirectoryRepository {
  upsert(user: { userId: string; displayName: string; registeredAt: string }): Promise<void>;
  /** Changes a known user's name; a user not (yet) known is left alone. */
  rename(userId: string, displayName: string): Promise<void>;
  get(userId: string): Promise<{ userId: string; displayName: string } | undefined>;
}

/** Records a newly registered user so numbers can later be assigned to them. Idempotent: an upsert. */
export async function recordUser(
  deps: { directory: DirectoryRepository },
  input: { userId: string; displayName: string; registeredAt: string },
): Promise<void> {
  await deps.directory.upsert(input);
}

/** A user's new name: in the directory, and on the numbers that ring them (`assignedTo.displayName`). */
export async function renameUser(
  deps: { directory: DirectoryRepository; numbers: NumberRepository },
  input: { userId: string; displayName: string },
): Promise<void> {
  await deps.directory.rename(input.userId, input.displayName);
  const theirs = (await deps.numbers.list()).filter(
    (n) => n.state === 'assigned' && n.assignedTo?.userId === input.userId,
  );
  for (const number of theirs) {
    if (number.assignedTo?.displayName === input.displayName) continue;
    await deps.numbers.save(
      { ...number, assignedTo: { userId: input.userId, displayName: input.displayName } },
      'assigned',
    );
  }
}
