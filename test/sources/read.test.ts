import { describe, expect, it } from 'vitest';
import { clean, decimal, isRecord, parseDateTime, text } from '../../src/sources/read.ts';

describe('vendor value readers', () => {
  it('isRecord accepts plain objects only', () => {
    expect(isRecord({})).toBe(true);
    for (const other of [null, undefined, [], '[]', 0, 'x']) expect(isRecord(other)).toBe(false);
  });

  it('text trims strings and writes finite numbers; anything else is empty', () => {
    expect(text('  Boots ')).toBe('Boots');
    expect(text(12)).toBe('12');
    for (const other of [NaN, Infinity, null, {}, [], true]) expect(text(other)).toBe('');
  });

  it('clean trims strings only', () => {
    expect(clean(' id ')).toBe('id');
    expect(clean(12)).toBe('');
  });

  it('decimal reads numbers and plain decimal strings; negatives, exponents and junk are null', () => {
    expect([17, '17', ' 2.5 ', 0, '0'].map(decimal)).toEqual([17, 17, 2.5, 0, 0]);
    for (const junk of [-1, '-1', '1e3', '1,5', '', ' ', '[]', null, NaN, Infinity, {}])
      expect(decimal(junk), String(junk)).toBeNull();
  });

  it('parseDateTime reads a date without an offset as that day, local time', () => {
    expect(parseDateTime('2024-03-05')?.getTime()).toBe(new Date(2024, 2, 5).getTime());
    expect(parseDateTime('2024-03-05 10:00:00')?.getTime()).toBe(new Date(2024, 2, 5, 10).getTime());
    expect(parseDateTime('2024-03-05T10:00:00.5+0100')?.toISOString()).toBe('2024-03-05T09:00:00.500Z');
  });
});
