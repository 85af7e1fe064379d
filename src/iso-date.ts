// Calendar days as ISO text ("2026-10-03"), always in UTC: the one way a day crosses between a Date and a string.

/** Whether `text` has the YYYY-MM-DD shape (the calendar check is left to whoever parses it). */
export function looksLikeIsoDay(text: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(text);
}

/** The UTC calendar day of `date`, as YYYY-MM-DD. */
export function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** Midnight UTC at the start of `day` (YYYY-MM-DD): how a day is stored in a SQL date column. */
export function startOfDay(day: string): Date {
  return new Date(`${day}T00:00:00Z`);
}

/** Noon UTC on `day` (YYYY-MM-DD): a "today" that stays the same calendar day in every time zone. */
export function middayOf(day: string): Date {
  return new Date(`${day}T12:00:00Z`);
}
