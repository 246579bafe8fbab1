import { describe, expect, it } from 'vitest';
import { formatDistance, formatPhone, frenchDate, geoUri, telHref } from './format.js';

describe('an offer card’s links and figures', () => {
  it('links to directions with a geo: URI labelled with the name', () => {
    expect(geoUri({ lon: 3.4312345678, lat: 43.6275, name: 'MSP de Clermont (Hérault)' })).toBe(
      'geo:43.6275,3.431235?q=43.6275,3.431235(MSP%20de%20Clermont%20H%C3%A9rault)',
    );
  });

  it('calls in the international form, and shows the number in pairs', () => {
    expect(telHref('0467000000')).toBe('tel:+33467000000');
    expect(telHref('04 67 00 00 00')).toBe('tel:+33467000000');
    expect(telHref('3919')).toBe('tel:3919');
    expect(formatPhone('0467000000')).toBe('04 67 00 00 00');
    expect(formatPhone('3919')).toBe('3919');
  });

  it('writes distances in metres near by, with one decimal under 10 km', () => {
    expect(formatDistance(0.004)).toBe('10 m');
    expect(formatDistance(0.344)).toBe('340 m');
    expect(formatDistance(3.46)).toBe('3,5 km');
    expect(formatDistance(23.4)).toBe('23 km');
  });

  it('writes dates the French way', () => {
    expect(frenchDate('2021-01-08')).toBe('8 janvier 2021');
    expect(frenchDate('2021-01-08T10:00:00Z')).toBe('8 janvier 2021');
  });
});
