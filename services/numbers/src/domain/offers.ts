import { requireAdmin } from './access.ts';
import { CountryNotOffered } from './errors.ts';
import { type Caller, type Carrier, type Country, DIAL_CODES, isCountry, type NumberType } from './model.ts';
import type { CarrierSource, NumberRepository, VoiceProvider } from './ports.ts';

/** One country Parley can give numbers in, and through whom. */
export interface CountryOffer {
  country: Country;
  name: string;
  dialCode: string;
  carrier: Carrier;
  carrierName?: string;
  types: NumberType[];
  documentsRequired: boolean;
}

const regionNames = new Intl.DisplayNames(['en'], { type: 'region' });

/**
 * The countries on offer: what Chime SDK Voice offers for SIP media application dial-in, then each
 * country it does not offer that a SIP-trunk carrier of the stage has numbers in.
 */
export async function listCountries(deps: { voice: VoiceProvider; carriers: CarrierSource }): Promise<CountryOffer[]> {
  const [chime, config] = await Promise.all([deps.voice.countries(), deps.carriers.config()]);
  const offers: CountryOffer[] = [];
  for (const { country, types } of chime) {
    if (!isCountry(country) || types.length === 0) continue;
    offers.push({
      country,
      name: regionNames.of(country) ?? country,
      dialCode: `+${DIAL_CODES[country]}`,
      carrier: 'chime',
      types,
      documentsRequired: config.chimeDocumentsRequired.includes(country),
    });
  }
  for (const carrier of config.carriers) {
    for (const [country, pool] of Object.entries(carrier.numbers)) {
      if (!isCountry(country) || (pool ?? []).length === 0 || offers.some((o) => o.country === country)) continue;
      offers.push({
        country,
        name: regionNames.of(country) ?? country,
        dialCode: `+${DIAL_CODES[country]}`,
        carrier: 'sip-trunk',
        carrierName: carrier.name,
        types: ['local'],
        documentsRequired: false,
      });
    }
  }
  return offers.sort((a, b) => a.country.localeCompare(b.country));
}

/** A number that can be ordered (Chime) or imported (a carrier's free pool). */
export interface AvailableNumber {
  e164: string;
  country: Country;
  type: NumberType;
  carrier: Carrier;
}

/** Numbers on offer in a country: Chime's search, or what the carrier gave us that is not in the inventory yet. */
export async function listAvailable(
  deps: { voice: VoiceProvider; carriers: CarrierSource; numbers: NumberRepository },
  caller: Caller,
  input: { country: string; type: NumberType; areaCode?: string },
): Promise<AvailableNumber[]> {
  requireAdmin(caller);
  const offer = (await listCountries(deps)).find((o) => o.country === input.country && o.types.includes(input.type));
  if (!offer) throw new CountryNotOffered(`Parley offers no ${input.type} numbers in ${input.country}.`);
  const { country, carrier } = offer;
  const { type } = input;
  if (carrier === 'chime') {
    const found = await deps.voice.search(country, type, input.areaCode);
    return found.map((e164) => ({ e164, country, type, carrier }));
  }
  const [config, inventory] = await Promise.all([deps.carriers.config(), deps.numbers.list()]);
  const taken = new Set(inventory.filter((n) => n.state !== 'released').map((n) => n.e164));
  return config.carriers
    .flatMap((c) => c.numbers[country] ?? [])
    .filter((e164) => !taken.has(e164))
    .map((e164) => ({ e164, country, type, carrier }));
}
