import { describe, expect, it } from 'vitest';
import { parseCarrierConfig } from '../src/adapters/carrier-config.ts';

const valid = {
  chime: { documentsRequired: ['CH'] },
  carriers: [
    {
      name: 'Devstack Carrier',
      voiceConnectorId: 'abcdefghij0123456789ab',
      outboundHost: 'abcdefghij0123456789ab.voiceconnector.chime.aws',
      numbers: { PA: ['+5072100001'], SG: ['+6531000001'] },
    },
  ],
  prices: [{ country: 'PA', carrier: 'sip-trunk', monthly: 4, currency: 'USD' }],
};

describe('the carrier configuration (SSM parameter JSON)', () => {
  it('given a valid configuration, then it is read as the domain needs it', () => {
    expect(parseCarrierConfig(JSON.stringify(valid))).toEqual({
      chimeDocumentsRequired: ['CH'],
      carriers: valid.carriers,
      prices: valid.prices,
    });
  });

  it('given only carriers, then documents and prices default to none', () => {
    const config = parseCarrierConfig(JSON.stringify({ carriers: valid.carriers }));

    expect(config.chimeDocumentsRequired).toEqual([]);
    expect(config.prices).toEqual([]);
  });

  it('given a number filed under the wrong country, then the error names it', () => {
    const wrong = { ...valid, carriers: [{ ...valid.carriers[0], numbers: { SG: ['+5072100001'] } }] };

    expect(() => parseCarrierConfig(JSON.stringify(wrong))).toThrow(/\+5072100001 is not a SG number/);
  });

  it('given broken JSON, an unknown field or a bad price, then it is refused', () => {
    expect(() => parseCarrierConfig('{')).toThrow(/not JSON/);
    expect(() => parseCarrierConfig(JSON.stringify({ ...valid, extra: 1 }))).toThrow(/invalid/);
    expect(() =>
      parseCarrierConfig(JSON.stringify({ ...valid, prices: [{ ...valid.prices[0], monthly: -1 }] })),
    ).toThrow(/prices/);
  });
});
