import { createHash } from 'node:crypto';
import { badRequest } from './voice-http.ts';

/**
 * What Chime offers, country by country, as devstack plays it: the United States self-serve
 * (Local and TollFree, both product types); Switzerland for SIP media application dial-in only,
 * after identity documents (AWS takes them through a support case); Panama and Singapore not at all
 * (Parley's numbers there come from a third-party SIP trunk reaching a Voice Connector).
 */

export const PRODUCT_TYPES = ['SipMediaApplicationDialIn', 'VoiceConnector'] as const;
export type ProductType = (typeof PRODUCT_TYPES)[number];
export const NUMBER_TYPES = ['Local', 'TollFree'] as const;
export type NumberType = (typeof NUMBER_TYPES)[number];

interface CountryOffer {
  types: Partial<Record<ProductType, NumberType[]>>;
  /** Orders wait in PendingDocuments until identity documents are in. */
  documents: boolean;
}

const OFFERS: Record<string, CountryOffer> = {
  US: {
    types: { SipMediaApplicationDialIn: ['Local', 'TollFree'], VoiceConnector: ['Local', 'TollFree'] },
    documents: false,
  },
  CH: { types: { SipMediaApplicationDialIn: ['Local'] }, documents: true },
};

/**
 * National numbering plans, E.164 with the `+`: the countries Chime offers and the ones whose
 * numbers reach Parley through a carrier (Panama: 7-digit fixed lines, 8-digit mobiles starting 6;
 * Singapore: 8 digits starting 3, 6, 8 or 9).
 */
export const NUMBERING_PLANS = {
  US: { callingCode: '1', pattern: /^\+1[2-9]\d{2}[2-9]\d{6}$/ },
  CH: { callingCode: '41', pattern: /^\+41[1-9]\d{8}$/ },
  PA: { callingCode: '507', pattern: /^\+507(?:[2-57-9]\d{6}|6\d{7})$/ },
  SG: { callingCode: '65', pattern: /^\+65[3689]\d{7}$/ },
} as const;

/** The country (ISO alpha-2) whose numbering plan `e164` fits, or undefined. */
export function countryOfNumber(e164: string): string | undefined {
  const plus = e164.startsWith('+') ? e164 : `+${e164}`;
  return Object.entries(NUMBERING_PLANS).find(([, plan]) => plan.pattern.test(plus))?.[0];
}

const TOLL_FREE = /^\+18(00|33|44|55|66|77|88)\d{7}$/;

/** Local or TollFree (toll-free numbers exist only in the US plan here). */
export function numberTypeOf(e164: string): NumberType {
  return TOLL_FREE.test(e164) ? 'TollFree' : 'Local';
}

/** ListSupportedPhoneNumberCountries. */
export function supportedCountries(productType: ProductType) {
  return Object.entries(OFFERS)
    .filter(([, offer]) => offer.types[productType])
    .map(([CountryCode, offer]) => ({ CountryCode, SupportedPhoneNumberTypes: offer.types[productType] ?? [] }));
}

/** The number types `country` offers for `productType` ([] when none). */
export function offeredTypes(country: string, productType: ProductType): NumberType[] {
  return OFFERS[country]?.types[productType] ?? [];
}

export function needsDocuments(country: string): boolean {
  return OFFERS[country]?.documents ?? false;
}

/** ISO 3166-1 alpha-2, for Voice Connector termination CallingRegions. */
export const ISO_COUNTRIES = new Set(
  `AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ
  CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR
  GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO
  JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR
  MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO
  RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV
  TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW`.split(/\s+/),
);

/** A few real area codes per US state (and DC), so a search by State returns numbers that look like it. */
const STATE_AREA_CODES = new Map(
  `AL:205,251 AK:907 AZ:602,480 AR:501 CA:415,213,408 CO:303,720 CT:203,860 DE:302 FL:305,407,813 GA:404,770
  HI:808 ID:208 IL:312,773 IN:317 IA:515 KS:316,913 KY:502,859 LA:504,225 ME:207 MD:410,301 MA:617,508 MI:313,248
  MN:612,651 MS:601 MO:314,816 MT:406 NE:402 NV:702,775 NH:603 NJ:201,973 NM:505 NY:212,718,917 NC:704,919 ND:701
  OH:614,216 OK:405,918 OR:503,541 PA:215,412 RI:401 SC:803,843 SD:605 TN:615,901 TX:512,214,713 UT:801,385 VT:802
  VA:703,804 WA:206,425,509 WV:304 WI:414,608 WY:307 DC:202`
    .split(/\s+/)
    .map((entry) => {
      const [state = '', codes = ''] = entry.split(':');
      return [state, codes.split(',')] as const;
    }),
);

/** Swiss geographic area codes (Zurich 44, Geneva 22, Bern 31, Basel 61, Lausanne 21, Lugano 91, …). */
const CH_AREA_CODES = ['44', '43', '22', '31', '61', '21', '91', '41', '71', '52', '62', '32', '26', '27', '81'];
const US_TOLL_FREE_PREFIXES = ['833', '844', '855', '866', '877', '888'];

/** What SearchAvailablePhoneNumbers was asked, once validated. */
export interface SearchCriteria {
  country: string;
  type: NumberType;
  /** Area codes (US) or toll-free prefixes the numbers are drawn from. */
  codes: string[];
  /** Seeds the sequence, so the same question gets the same numbers. */
  seed: string;
}

/**
 * Validates a search as AWS does: US numbers need one of AreaCode, City (with State), State or
 * TollFreePrefix; numbers elsewhere support only PhoneNumberType, which is then required.
 * Countries Chime does not offer are refused with BadRequestException.
 */
export function parseSearch(query: URLSearchParams): SearchCriteria {
  const get = (name: string) => query.get(name) ?? undefined;
  const areaCode = get('area-code');
  const city = get('city');
  const state = get('state');
  const prefix = get('toll-free-prefix');
  const requestedType = get('phone-number-type');
  const country = get('country') ?? 'US';
  if (!/^[A-Z]{2}$/.test(country)) throw badRequest(`Country "${country}" is not an ISO 3166-1 alpha-2 code.`);
  if (requestedType !== undefined && !(NUMBER_TYPES as readonly string[]).includes(requestedType)) {
    throw badRequest(`PhoneNumberType "${requestedType}" is not one of ${NUMBER_TYPES.join(', ')}.`);
  }
  const offer = OFFERS[country];
  if (!offer) throw badRequest(`Phone numbers in ${country} are not available from Amazon Chime SDK.`);
  const offered = new Set(Object.values(offer.types).flat());
  if (country !== 'US') {
    if (areaCode ?? city ?? state ?? prefix) {
      throw badRequest('AreaCode, City, State and TollFreePrefix are supported for US numbers only.');
    }
    if (!requestedType) throw badRequest(`PhoneNumberType is required to search numbers in ${country}.`);
    if (!offered.has(requestedType as NumberType)) {
      throw badRequest(`${requestedType} numbers are not available in ${country}.`);
    }
    return { country, type: requestedType as NumberType, codes: CH_AREA_CODES, seed: `${country}|${requestedType}` };
  }
  if (!(areaCode ?? city ?? state ?? prefix)) {
    throw badRequest('Provide at least one of AreaCode, City, State or TollFreePrefix for US numbers.');
  }
  if (city && !state) throw badRequest('City requires State.');
  const type: NumberType = (requestedType as NumberType | undefined) ?? (prefix ? 'TollFree' : 'Local');
  if (type === 'TollFree') {
    if (areaCode ?? city ?? state) throw badRequest('AreaCode, City and State do not apply to TollFree numbers.');
    if (prefix && !/^8(00|33|44|55|66|77|88)$/.test(prefix)) {
      throw badRequest(`TollFreePrefix "${prefix}" does not match ^8(00|33|44|55|66|77|88)$.`);
    }
    return { country, type, codes: prefix ? [prefix] : US_TOLL_FREE_PREFIXES, seed: `US|TollFree|${prefix ?? ''}` };
  }
  if (prefix) throw badRequest('TollFreePrefix applies to TollFree numbers only.');
  if (areaCode) {
    if (!/^[2-9]\d{2}$/.test(areaCode) || /^.11$/.test(areaCode) || /^8(00|33|44|55|66|77|88)$/.test(areaCode)) {
      throw badRequest(`AreaCode "${areaCode}" is not a US geographic area code.`);
    }
    return { country, type, codes: [areaCode], seed: `US|Local|${areaCode}` };
  }
  const codes = STATE_AREA_CODES.get(state ?? '');
  if (!codes) throw badRequest(`State "${state}" is not a US state code.`);
  return { country, type, codes, seed: `US|Local|${state}|${city ?? ''}` };
}

/** How many distinct numbers one search can page through. */
export const SEARCH_POOL = 1000;
/** Odd and not a multiple of 5, so stepping by it visits every 7-digit subscriber number once. */
const STRIDE = 1_234_567;
const SUBSCRIBERS = 8_000_000;

/**
 * The numbers a search offers, always in the same order for the same criteria: subscriber
 * numbers `[2-9]XXXXXX` spread by a fixed stride from a start hashed from the criteria, skipping
 * exchanges that are never assigned in the US (N11, 555, 950, 958, 959, 976).
 */
export function candidates(criteria: SearchCriteria): string[] {
  const start = createHash('sha256').update(criteria.seed).digest().readUIntBE(0, 6) % SUBSCRIBERS;
  const out: string[] = [];
  for (let k = 0; out.length < SEARCH_POOL; k++) {
    const code = criteria.codes[k % criteria.codes.length] ?? '';
    const subscriber = String(2_000_000 + ((start + k * STRIDE) % SUBSCRIBERS));
    if (criteria.country === 'US') {
      const exchange = subscriber.slice(0, 3);
      if (/^.11$/.test(exchange) || ['555', '950', '958', '959', '976'].includes(exchange)) continue;
      out.push(`+1${code}${subscriber}`);
    } else {
      out.push(`+${NUMBERING_PLANS.CH.callingCode}${code}${subscriber}`);
    }
  }
  return out;
}
