/**
 * The calendar of the contracts is France's: a business day is the date in
 * Europe/Paris. The web apps' default dates and the command side's checks
 * ("not in the future") both use it, so that a form sent at 00:30 in Paris with
 * today's date is not refused as tomorrow (UTC still says yesterday), nor one sent
 * at 23:30 UTC the day before.
 */
export const BUSINESS_TIME_ZONE = 'Europe/Paris';

// en-CA writes dates as YYYY-MM-DD.
const dayFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone: BUSINESS_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The business day (`YYYY-MM-DD`, Europe/Paris) of an instant: now by default. */
export const businessDay = (at: Date = new Date()): string => dayFormat.format(at);

/** Where the time comes from: the system's clock, or a fixed one in tests. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
