import { describe, expect, it } from 'vitest';
import { formatPhone, telHref } from './phone.js';

describe('phone numbers', () => {
  it('shows a French number in pairs, however it was typed', () => {
    expect(formatPhone('0467000000')).toBe('04 67 00 00 00');
    expect(formatPhone('04.67.00.00.00')).toBe('04 67 00 00 00');
    expect(formatPhone('3919')).toBe('3919');
  });

  it('calls in the international form', () => {
    expect(telHref('0467000000')).toBe('tel:+33467000000');
    expect(telHref('04 67 00 00 00')).toBe('tel:+33467000000');
    expect(telHref('3919')).toBe('tel:3919');
  });
});
