import { describe, expect, it } from 'vitest';
import { PreferencesBody, RenameConversationBody } from './schemas.ts';

// Bodies the rename and preference routes refuse with 400 before any use case runs.
describe('group route bodies', () => {
  it('a title is 1–120 visible characters without BiDi overrides, and nothing else', () => {
    expect(RenameConversationBody.safeParse({ title: 'Launch crew' }).success).toBe(true);
    for (const body of [
      {},
      { title: '' },
      { title: '   ' },
      { title: 'x'.repeat(121) },
      { title: '\u202eevil' },
      { title: 'ok', x: 1 },
    ]) {
      expect(RenameConversationBody.safeParse(body).success, JSON.stringify(body)).toBe(false);
    }
  });

  it('preferences are booleans, at least one of muted, archived, pinned', () => {
    expect(PreferencesBody.safeParse({ muted: true }).success).toBe(true);
    expect(PreferencesBody.safeParse({ archived: false, pinned: true }).success).toBe(true);
    for (const body of [{}, { muted: 'yes' }, { pinned: 1 }, { muted: true, colour: 'red' }, null, []]) {
      expect(PreferencesBody.safeParse(body).success, JSON.stringify(body)).toBe(false);
    }
  });
});
