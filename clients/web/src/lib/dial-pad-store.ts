import type { CallingApi } from './calling-api.ts';
import { type ParsedNumber, parseNumber } from './phone-format.ts';
import type { Quote } from './phone-model.ts';
import { createStore, type Store } from './store.ts';

/** The keys of the dial pad, in the order shown. */
export const DIAL_KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '0', '#'] as const;
export type DialKey = (typeof DIAL_KEYS)[number];

export interface QuoteState {
  status: 'idle' | 'loading' | 'ready' | 'error';
  /** the E.164 number the quote (or its error) is for */
  for?: string;
  value?: Quote;
  error?: unknown;
}

export interface DialPadState {
  input: string;
  parsed: ParsedNumber;
  quote: QuoteState;
}

export interface DialPadStoreDeps {
  api: Pick<CallingApi, 'quote'>;
  /** the person's own country (their mobile number's, or their Parley number's), for national numbers */
  defaultCountry: () => string | undefined;
  /** how long typing must pause before the price is asked */
  debounceMs?: number;
}

/** Longest thing worth typing: an E.164 number is 16 characters; room for spaces and dashes pasted in. */
const MAX_INPUT = 32;

/**
 * The dial pad: what was typed or pasted, the number it parses to (flag, international format), and
 * the price per minute from `GET /calling/quote`, asked once typing pauses and only for a possible
 * number. An answer for a number no longer on the pad is dropped. Nothing is dialled from here: the
 * view hands the quoted number to the call store.
 */
export class DialPadStore {
  readonly state: Store<DialPadState>;
  private readonly deps: DialPadStoreDeps;
  private timer?: ReturnType<typeof setTimeout>;

  constructor(deps: DialPadStoreDeps) {
    this.deps = deps;
    this.state = createStore<DialPadState>({ input: '', parsed: parseNumber(''), quote: { status: 'idle' } });
  }

  setInput(text: string): void {
    const input = text.slice(0, MAX_INPUT);
    const parsed = parseNumber(input, this.deps.defaultCountry());
    const previous = this.state.get();
    const same = parsed.e164 !== undefined && parsed.e164 === previous.parsed.e164;
    this.state.set({ input, parsed, quote: same ? previous.quote : { status: parsed.e164 ? 'loading' : 'idle' } });
    if (same) return;
    clearTimeout(this.timer);
    if (parsed.e164) {
      const e164 = parsed.e164;
      this.timer = setTimeout(() => void this.fetchQuote(e164), this.deps.debounceMs ?? 350);
    }
  }

  press(key: DialKey | '+'): void {
    this.setInput(this.state.get().input + key);
  }

  backspace(): void {
    this.setInput(this.state.get().input.slice(0, -1));
  }

  clear(): void {
    this.setInput('');
  }

  /** The country a number typed without + is read in, if the person's own is known. */
  defaultCountry(): string | undefined {
    return this.deps.defaultCountry();
  }

  /** Asks again after a failed quote. */
  retry(): void {
    const e164 = this.state.get().parsed.e164;
    if (e164) void this.fetchQuote(e164);
  }

  dispose(): void {
    clearTimeout(this.timer);
  }

  private async fetchQuote(e164: string): Promise<void> {
    this.setQuote(e164, { status: 'loading', for: e164 });
    try {
      const value = await this.deps.api.quote(e164);
      this.setQuote(e164, { status: 'ready', for: e164, value });
    } catch (error) {
      this.setQuote(e164, { status: 'error', for: e164, error });
    }
  }

  private setQuote(e164: string, quote: QuoteState): void {
    if (this.state.get().parsed.e164 !== e164) return;
    this.state.set((s) => ({ ...s, quote }));
  }
}
