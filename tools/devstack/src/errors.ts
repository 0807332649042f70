/**
 * A failure devstack explains to a person: printed as its message (and a hint), never as a stack trace.
 */
export class DevstackError extends Error {
  override name = 'DevstackError';
  readonly hint?: string;
  constructor(message: string, hint?: string) {
    super(message);
    this.hint = hint;
  }
}

/** Formats any failure for the terminal: DevstackErrors as written, anything else with its stack. */
export function describeFailure(err: unknown): string {
  if (err instanceof DevstackError) return err.hint ? `${err.message}\n  → ${err.hint}` : err.message;
  return err instanceof Error ? (err.stack ?? err.message) : String(err);
}
