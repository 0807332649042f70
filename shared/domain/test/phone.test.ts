import { describe, expect, it } from 'vitest';
import { callingCode } from '../src/phone.ts';

describe('callingCode', () => {
  it('given E.164 numbers, when the country is derived, then it is the ITU calling code', () => {
    expect(['+14155550100', '+41791234567', '+6591234567', '+50761234567', '+74951234567'].map(callingCode)).toEqual([
      '1',
      '41',
      '65',
      '507',
      '7',
    ]);
  });
});
