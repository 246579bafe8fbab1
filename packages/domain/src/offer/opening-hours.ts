import OpeningHours from 'opening_hours';

/**
 * Opening hours, one home for the API, the admin app and the portal: the text in
 * OpenStreetMap `opening_hours` syntax, read by the `opening_hours` library, and
 * always evaluated in Europe/Paris time with French public holidays (`PH off`).
 *
 * The library reads the local fields of a JS Date (getHours…), and a server or a
 * CI runs in UTC: every instant is first turned into a Date whose local fields are
 * the Paris wall-clock time, and what the library answers is read back the same way.
 */

export const OPENING_HOURS_EXAMPLE = 'Mo-Fr 08:30-12:00,14:00-18:00; Sa 09:00-12:00';
export const OPENING_HOURS_SYNTAX_PROBLEM = `horaires : syntaxe non reconnue (ex. ${OPENING_HOURS_EXAMPLE})`;

/** French public holidays are country-wide for the departments the platform serves. */
const FRANCE = { lat: 43.6, lon: 3.4, address: { country_code: 'fr', state: 'Occitanie' } };

/**
 * Warnings by which the library says it guessed (« Lu » read as Mo, « 9h » as
 * 09:00): such text is refused with the reading it suggests, so what is stored is
 * what every reader (OpenStreetMap tools included) reads the same way.
 */
const GUESSES = new Set([
  'word_error_correction',
  'without_minutes',
  'hour_min_separator',
  'no_colon_after',
  'ambiguous_word',
  'adding_0',
  'rant_degree_sign_used_for_zero',
  'switched',
  'value_ends_with_token',
  'omit_ko',
  'please_use_ok_for_ko',
]);

interface Reading {
  hours?: OpeningHours;
  problem?: string;
}
const readings = new Map<string, Reading>();
function read(text: string): Reading {
  const value = text.trim();
  let reading = readings.get(value);
  if (!reading) {
    try {
      const hours = new OpeningHours(value, FRANCE);
      const guessed = hours.getStructuredWarnings().some((warning) => GUESSES.has(warning.type));
      reading = guessed
        ? { problem: `${OPENING_HOURS_SYNTAX_PROBLEM} — vouliez-vous dire « ${hours.prettifyValue()} » ?` }
        : { hours };
    } catch {
      reading = { problem: OPENING_HOURS_SYNTAX_PROBLEM };
    }
    if (readings.size > 500) readings.clear();
    readings.set(value, reading);
  }
  return reading;
}
const parse = (text: string): OpeningHours | undefined => (text.trim() ? read(text).hours : undefined);

/** Why `text` is not valid `opening_hours` syntax (a French message), or undefined when it is. */
export function openingHoursProblem(text: string): string | undefined {
  return text.trim() ? read(text).problem : OPENING_HOURS_SYNTAX_PROBLEM;
}

const PARIS = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Paris',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** A Date whose local fields are the Paris wall-clock time of `instant`. */
export function parisWallClock(instant: Date): Date {
  const part: Record<string, number> = {};
  for (const { type, value } of PARIS.formatToParts(instant)) part[type] = Number(value);
  return new Date(
    part.year ?? 1970,
    (part.month ?? 1) - 1,
    part.day ?? 1,
    part.hour ?? 0,
    part.minute ?? 0,
    part.second ?? 0,
  );
}

/**
 * Whether the offer is open at `instant`: undefined when the hours are unknown,
 * unreadable or say « unknown » at that time — never « fermé » for lack of data.
 */
export function isOpenAt(hours: string | undefined, instant: Date): boolean | undefined {
  const parsedHours = hours ? parse(hours) : undefined;
  if (!parsedHours) return undefined;
  const at = parisWallClock(instant);
  if (parsedHours.getUnknown(at)) return undefined;
  return parsedHours.getState(at);
}

/** Weekdays as the portal writes them, Monday first (ISO 8601: 1 = lundi … 7 = dimanche). */
export const WEEKDAYS = ['lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export interface OpeningSlot {
  /** « 08:30 » */
  from: string;
  /** « 12:00 », « 24:00 » when it runs to midnight. */
  to: string;
  /** The hours say it may or may not be open then (a comment, `unknown`). */
  uncertain: boolean;
  comment?: string;
}

export interface WeekRow {
  weekday: Weekday;
  /** The day shown, YYYY-MM-DD (Paris): the next such weekday, today included. */
  date: string;
  today: boolean;
  holiday: boolean;
  slots: OpeningSlot[];
  /** « 08:30–12:00, 14:00–18:00 », « fermé », « fermé (jour férié) ». */
  opening: string;
  /** « lundi : 08:30–12:00, 14:00–18:00 », « samedi : fermé ». */
  text: string;
}

const pad = (value: number) => String(value).padStart(2, '0');
const isoDay = (day: Date) => `${day.getFullYear()}-${pad(day.getMonth() + 1)}-${pad(day.getDate())}`;
const clock = (at: Date, dayEnd: Date) =>
  at.getTime() >= dayEnd.getTime() ? '24:00' : `${pad(at.getHours())}:${pad(at.getMinutes())}`;

/** Index 0 = lundi of a local Date. */
const weekdayIndex = (day: Date) => (day.getDay() + 6) % 7;

/** The next `weekday` (0 = lundi) on or after the Paris day of `from`, at its start (wall clock). */
function nextDay(weekday: number, from: Date): Date {
  const today = parisWallClock(from);
  const start = new Date(today.getFullYear(), today.getMonth(), today.getDate());
  const ahead = (weekday - weekdayIndex(start) + 7) % 7;
  return new Date(start.getFullYear(), start.getMonth(), start.getDate() + ahead);
}

function slotsOf(hours: OpeningHours, dayStart: Date): OpeningSlot[] {
  const dayEnd = new Date(dayStart.getFullYear(), dayStart.getMonth(), dayStart.getDate() + 1);
  return hours.getOpenIntervals(dayStart, dayEnd).map(([from, to, uncertain, comment]) => ({
    from: clock(from, dayEnd),
    to: clock(to, dayEnd),
    uncertain,
    ...(comment ? { comment } : {}),
  }));
}

const slotText = (slot: OpeningSlot) =>
  `${slot.from === '00:00' && slot.to === '24:00' ? '24 h sur 24' : `${slot.from}–${slot.to}`}${
    slot.comment ? ` (${slot.comment})` : slot.uncertain ? ' (à confirmer)' : ''
  }`;

/**
 * The next seven days, lundi to dimanche (each the next such day from `from`,
 * today included), with their opening slots; undefined when hours are unknown.
 */
export function weekTable(hours: string | undefined, from: Date): WeekRow[] | undefined {
  const parsedHours = hours ? parse(hours) : undefined;
  if (!parsedHours) return undefined;
  const todayIndex = weekdayIndex(parisWallClock(from));
  return WEEKDAYS.map((weekday, index) => {
    const day = nextDay(index, from);
    const slots = slotsOf(parsedHours, day);
    const holiday = parsedHours.getPublicHolidayContext?.(day)?.isHoliday ?? false;
    const opening = `${slots.length > 0 ? slots.map(slotText).join(', ') : 'fermé'}${holiday ? ' (jour férié)' : ''}`;
    return {
      weekday,
      date: isoDay(day),
      today: index === todayIndex,
      holiday,
      slots,
      opening,
      text: `${weekday} : ${opening}`,
    };
  });
}

/**
 * Whether the offer opens at some time on the next `weekday` (« ouvert le samedi »),
 * today included; undefined when the hours are unknown.
 */
export function isOpenOnWeekday(
  hours: string | undefined,
  weekday: Weekday,
  from: Date,
): boolean | undefined {
  const parsedHours = hours ? parse(hours) : undefined;
  if (!parsedHours) return undefined;
  return slotsOf(parsedHours, nextDay(WEEKDAYS.indexOf(weekday), from)).some((slot) => !slot.uncertain);
}
