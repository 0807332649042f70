/** Port: the numbers service's copy of who exists, for validating assignments. */
export interface DirectoryRepository {
  upsert(user: { userId: string; displayName: string; registeredAt: string }): Promise<void>;
  get(userId: string): Promise<{ userId: string; displayName: string } | undefined>;
}

/** Records a newly registered user so numbers can later be assigned to them. Idempotent: an upsert. */
export async function recordUser(
  deps: { directory: DirectoryRepository },
  input: { userId: string; displayName: string; registeredAt: string },
): Promise<void> {
  await deps.directory.upsert(input);
}
