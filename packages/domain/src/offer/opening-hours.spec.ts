import { describe, expect, it } from 'vitest';
import {
  isOpenAt,
  isOpenOnWeekday,
  openingHoursProblem,
  parisWallClock,
  weekTable,
} from './opening-hours.js';

const WEEKDAYS_OFFICE = 'Mo-Fr 08:30-12:00,14:00-18:00; Sa 09:00-12:00; PH off';

describe('opening hours, in Europe/Paris time with French public holidays', () => {
  it('reads the Paris wall clock whatever the process time zone', () => {
    // 2026-07-15 06:30 UTC is 08:30 in Paris (summer time, UTC+2)
    const summer = parisWallClock(new Date('2026-07-15T06:30:00Z'));
    expect([summer.getHours(), summer.getMinutes()]).toEqual([8, 30]);
    // 2026-01-14 07:30 UTC is 08:30 in Paris (winter time, UTC+1)
    const winter = parisWallClock(new Date('2026-01-14T07:30:00Z'));
    expect([winter.getHours(), winter.getMinutes()]).toEqual([8, 30]);
  });

  it('is open at 08:30 Paris time, summer and winter, closed just before', () => {
    expect(isOpenAt(WEEKDAYS_OFFICE, new Date('2026-07-15T06:30:00Z'))).toBe(true);
    expect(isOpenAt(WEEKDAYS_OFFICE, new Date('2026-07-15T06:29:00Z'))).toBe(false);
    expect(isOpenAt(WEEKDAYS_OFFICE, new Date('2026-01-14T07:30:00Z'))).toBe(true);
    expect(isOpenAt(WEEKDAYS_OFFICE, new Date('2026-01-14T07:29:00Z'))).toBe(false);
    // 17:30 UTC in January is 18:30 in Paris: closed
    expect(isOpenAt(WEEKDAYS_OFFICE, new Date('2026-01-14T17:30:00Z'))).toBe(false);
  });

  it('is closed on French public holidays (14 juillet, 1er mai) when the hours say PH off', () => {
    expect(isOpenAt(WEEKDAYS_OFFICE, new Date('2026-07-14T08:00:00Z'))).toBe(false); // Tuesday
    expect(isOpenAt(WEEKDAYS_OFFICE, new Date('2026-05-01T08:00:00Z'))).toBe(false); // Friday
    expect(isOpenAt(WEEKDAYS_OFFICE, new Date('2026-07-13T08:00:00Z'))).toBe(true);
  });

  it('answers « ouvert le samedi » from the next Saturday', () => {
    const wednesday = new Date('2026-07-15T10:00:00Z');
    expect(isOpenOnWeekday(WEEKDAYS_OFFICE, 'samedi', wednesday)).toBe(true);
    expect(isOpenOnWeekday('Mo-Fr 09:00-17:00', 'samedi', wednesday)).toBe(false);
    expect(isOpenOnWeekday('24/7', 'dimanche', wednesday)).toBe(true);
    expect(isOpenOnWeekday(undefined, 'samedi', wednesday)).toBeUndefined();
  });

  it('writes the week table, lundi to dimanche, holidays said', () => {
    // Friday 10 July 2026: the next Tuesday is the 14th of July
    const rows = weekTable(WEEKDAYS_OFFICE, new Date('2026-07-10T10:00:00Z'));
    expect(rows?.map((row) => row.text)).toEqual([
      'lundi : 08:30–12:00, 14:00–18:00',
      'mardi : fermé (jour férié)',
      'mercredi : 08:30–12:00, 14:00–18:00',
      'jeudi : 08:30–12:00, 14:00–18:00',
      'vendredi : 08:30–12:00, 14:00–18:00',
      'samedi : 09:00–12:00',
      'dimanche : fermé',
    ]);
    expect(rows?.find((row) => row.today)?.weekday).toBe('vendredi');
    expect(rows?.[1]?.date).toBe('2026-07-14');
    expect(weekTable('Mo-Fr 09:00-17:00', new Date('2026-07-10T10:00:00Z'))?.[5]?.text).toBe(
      'samedi : fermé',
    );
  });

  it('says « 24/7 » as 24 h sur 24, open at any time', () => {
    expect(weekTable('24/7', new Date('2026-01-14T12:00:00Z'))?.[0]?.text).toBe('lundi : 24 h sur 24');
    expect(isOpenAt('24/7', new Date('2026-12-25T03:00:00Z'))).toBe(true);
  });

  it('never says « fermé » for hours it does not know', () => {
    expect(isOpenAt(undefined, new Date())).toBeUndefined();
    expect(isOpenAt('', new Date())).toBeUndefined();
    expect(weekTable(undefined, new Date())).toBeUndefined();
    expect(isOpenAt('Mo-Fr 09:00-17:00 unknown', new Date('2026-07-15T10:00:00Z'))).toBeUndefined();
  });

  it('explains bad syntax in French', () => {
    expect(openingHoursProblem('Mo-Fr 09:00-17:00')).toBeUndefined();
    expect(openingHoursProblem('du lundi au vendredi')).toMatch(/^horaires : syntaxe non reconnue \(ex\. /);
    // The library would guess; the coordinator is shown its reading instead
    expect(openingHoursProblem('Lu-Ve 9h-17h')).toMatch(/vouliez-vous dire « Mo-Fr 09:00-17:00 » \?$/);
  });
});
