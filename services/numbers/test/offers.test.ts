import { describe, expect, it } from 'vitest';
import { listAvailable, listCountries } from '../src/domain/offers.ts';
import { admin, member, world } from './memory.ts';

describe('countries on offer', () => {
  it('given Chime offers US and CH and a carrier has PA and SG numbers, then all four are listed with their carrier', async () => {
    const { deps } = await world();

    const countries = await listCountries(deps);

    expect(countries).toEqual([
      {
        country: 'CH',
        name: 'Switzerland',
        dialCode: '+41',
        carrier: 'chime',
        types: ['local'],
        documentsRequired: true,
      },
      {
        country: 'PA',
        name: 'Panama',
        dialCode: '+507',
        carrier: 'sip-trunk',
        carrierName: 'Test Carrier',
        types: ['local'],
        documentsRequired: false,
      },
      {
        country: 'SG',
        name: 'Singapore',
        dialCode: '+65',
        carrier: 'sip-trunk',
        carrierName: 'Test Carrier',
        types: ['local'],
        documentsRequired: false,
      },
      {
        country: 'US',
        name: 'United States',
        dialCode: '+1',
        carrier: 'chime',
        types: ['local', 'toll-free'],
        documentsRequired: false,
      },
    ]);
  });

  it('given a country Chime offers that Parley has no dialling plan for, then it is left out', async () => {
    const { deps } = await world({ countries: [{ country: 'FR', types: ['local'] }] });

    expect((await listCountries(deps)).map((c) => c.country)).toEqual(['PA', 'SG']);
  });
});

describe('available numbers', () => {
  it('given a Chime country, then Chime search results are offered as chime numbers', async () => {
    const { deps } = await world();

    const found = await listAvailable(deps, admin, { country: 'US', type: 'local' });

    expect(found).toEqual([
      { e164: '+12125550101', country: 'US', type: 'local', carrier: 'chime' },
      { e164: '+12125550102', country: 'US', type: 'local', carrier: 'chime' },
    ]);
  });

  it('given a trunk country, then the carrier pool minus the inventory is offered', async () => {
    const { deps } = await world();
    await deps.numbers.save(
      {
        e164: '+5072100001',
        country: 'PA',
        type: 'local',
        carrier: 'sip-trunk',
        state: 'available',
        createdAt: 't',
      },
      'absent',
    );

    const found = await listAvailable(deps, admin, { country: 'PA', type: 'local' });

    expect(found).toEqual([{ e164: '+5072100002', country: 'PA', type: 'local', carrier: 'sip-trunk' }]);
  });

  it('given a country nobody offers, or a type not offered there, then CountryNotOffered', async () => {
    const { deps } = await world();

    await expect(listAvailable(deps, admin, { country: 'FR', type: 'local' })).rejects.toThrow(
      expect.objectContaining({ name: 'CountryNotOffered' }),
    );
    await expect(listAvailable(deps, admin, { country: 'PA', type: 'toll-free' })).rejects.toThrow(
      expect.objectContaining({ name: 'CountryNotOffered' }),
    );
  });

  it('given a non-admin, then Forbidden', async () => {
    const { deps } = await world();

    await expect(listAvailable(deps, member, { country: 'US', type: 'local' })).rejects.toThrow(
      expect.objectContaining({ name: 'Forbidden' }),
    );
  });
});
