import * as z from 'zod';

/**
 * The one rule for free text people type (names, titles, statuses, messages, file names,
 * greetings), used by every service's request schemas and by domains that check text themselves.
 *
 * Refused everywhere: control characters (C0, DEL, C1; a message body may keep `\n` and `\t`),
 * text that is not well-formed UTF-16 (a lone surrogate), and the BiDi embedding, override and
 * isolate controls U+202A–U+202E and U+2066–U+2069, which make `admin\u202Egnp.exe` display as
 * `adminexe.png`. A name or title also needs one visible character: zero-width spaces, joiners,
 * combining marks, fillers and blanks alone are not a name.
 */

// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const CONTROL_SINGLE_LINE = /[\u0000-\u001f\u007f-\u009f]/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const CONTROL_MULTILINE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;
/** A high surrogate not followed by a low one, or a low one not after a high one. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const BIDI_CONTROL = /[\u202a-\u202e\u2066-\u2069]/;
/** Anything that is not space, a control, a format character, a mark, or a character that renders blank. */
const VISIBLE = /[^\p{White_Space}\p{Cc}\p{Cf}\p{Z}\p{M}\u115f\u1160\u3164\uffa0\u2800]/u;

export type TextProblem = 'malformed' | 'control' | 'bidi' | 'invisible';

export const TEXT_PROBLEMS: Record<TextProblem, string> = {
  malformed: 'must be well-formed Unicode text',
  control: 'must not contain control characters',
  bidi: 'must not contain bidirectional override, embedding or isolate characters (U+202A–U+202E, U+2066–U+2069)',
  invisible: 'must contain at least one visible character',
};

export interface TextRule {
  /** `\n` and `\t` allowed (message bodies); every other control character is refused either way */
  multiline?: boolean;
  /** at least one visible character (names, titles) */
  visible?: boolean;
}

/** What is wrong with `value` under `rule`, or undefined when it is acceptable. */
export function textProblem(value: string, rule: TextRule = {}): TextProblem | undefined {
  if (LONE_SURROGATE.test(value)) return 'malformed';
  if ((rule.multiline ? CONTROL_MULTILINE : CONTROL_SINGLE_LINE).test(value)) return 'control';
  if (BIDI_CONTROL.test(value)) return 'bidi';
  if (rule.visible && !hasVisibleCharacter(value)) return 'invisible';
  return undefined;
}

/** Whether `value` shows anything: false for '', spaces, zero-width characters or lone marks. */
export function hasVisibleCharacter(value: string): boolean {
  return VISIBLE.test(value);
}

/** A zod check of the rule, to chain after a string schema's own checks. */
export function refineText(rule: TextRule = {}) {
  return (value: string, ctx: z.RefinementCtx) => {
    const problem = textProblem(value, rule);
    // an empty string is the length check's to report
    if (problem && !(problem === 'invisible' && value === ''))
      ctx.addIssue({ code: 'custom', message: TEXT_PROBLEMS[problem] });
  };
}

/** One line of text with at least one visible character, trimmed: display names, titles, file names. */
export const nameText = (max: number) =>
  z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(max, `must have at most ${max} characters`)
    .superRefine(refineText({ visible: true }));

/** One line of text, trimmed, possibly empty: a status message, a greeting. */
export const lineText = (max: number) =>
  z.string().trim().max(max, `must have at most ${max} characters`).superRefine(refineText());

/** Text that may span lines (`\n`, `\t`), not trimmed: a message body. */
export const multilineText = (max: number) =>
  z
    .string()
    .max(max, `must have at most ${max} characters`)
    .superRefine(refineText({ multiline: true }));
