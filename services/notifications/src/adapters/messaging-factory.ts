import { MESSAGING_PROVIDERS, type MessagingProvider, type ProviderName } from '../domain/messaging-provider.ts';

/** The configuration names no provider: refused at init, naming the allowed values. */
export class UnknownMessagingProvider extends Error {
  override name = 'UnknownMessagingProvider';
  constructor(name: string) {
    super(`MESSAGING_PROVIDER is "${name}": it must be one of ${MESSAGING_PROVIDERS.join(', ')}.`);
  }
}

/**
 * The stage's messaging provider, by `MESSAGING_PROVIDER`. Only the chosen adapter is built (the other
 * one's clients and credentials are never touched); an unknown name throws at once.
 */
export function createMessagingProvider(
  name: string,
  builders: Readonly<Record<ProviderName, () => MessagingProvider>>,
): MessagingProvider {
  if (!(MESSAGING_PROVIDERS as readonly string[]).includes(name)) throw new UnknownMessagingProvider(name);
  return builders[name as ProviderName]();
}
