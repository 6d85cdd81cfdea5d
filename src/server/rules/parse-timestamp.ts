/**
 * W3C date-time timestamps (https://www.w3.org/TR/NOTE-datetime), the forms the user guide names
 * for rule operands: `2024`, `2024-01`, `2024-01-31`, `2024-01-31T05:06Z`, `2024-01-31T05:06:07+01:00`,
 * `2024-01-31T05:06:07.5-08:00`. A time always carries a zone designator (`Z` or `±hh:mm`), as the
 * note requires. Ion's spellings `2024T`, `2024-01T` and `2024-01-31T` are accepted too.
 */

const PATTERN =
  /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?)?)?(T?)$/;

const NO_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/;

/** A parsed timestamp, or the reason it is not one. */
export type TimestampResult = { ok: true; ms: number } | { ok: false; reason: string };

/**
 * Parses `text` as a W3C timestamp; a date without a time is the start of that period in UTC.
 * A bare year (`2024`) is a timestamp only with `bareYear` (in a rule it is the integer 2024).
 */
export function parseTimestamp(
  text: string,
  options: { bareYear?: boolean } = {},
): TimestampResult {
  const match = PATTERN.exec(text);
  if (!match && NO_ZONE.test(text)) {
    return { ok: false, reason: `the time of ${text} needs a zone designator: Z or ±hh:mm` };
  }
  if (!match) return { ok: false, reason: `${JSON.stringify(text)} is not a W3C timestamp` };
  const [, y, mo, d, h, mi, s, frac, zone, trailingT] = match;
  if (h !== undefined && trailingT) {
    return { ok: false, reason: `${JSON.stringify(text)} is not a W3C timestamp` };
  }
  if (mo === undefined && !trailingT && !options.bareYear) {
    return { ok: false, reason: `a year alone is the integer ${y}; write ${y}T for a timestamp` };
  }
  const year = Number(y);
  const month = mo === undefined ? 1 : Number(mo);
  const day = d === undefined ? 1 : Number(d);
  if (month < 1 || month > 12) return { ok: false, reason: `month ${mo} is not 01 to 12` };
  const daysInMonth = DAYS_IN_MONTH[month - 1]! + (month === 2 && isLeapYear(year) ? 1 : 0);
  if (day < 1 || day > daysInMonth) {
    return { ok: false, reason: `day ${d} is not in ${y}-${mo} (1 to ${daysInMonth})` };
  }
  const hour = h === undefined ? 0 : Number(h);
  const minute = mi === undefined ? 0 : Number(mi);
  const second = s === undefined ? 0 : Number(s);
  if (hour > 23) return { ok: false, reason: `hour ${h} is not 00 to 23` };
  if (minute > 59) return { ok: false, reason: `minute ${mi} is not 00 to 59` };
  if (second > 59) return { ok: false, reason: `second ${s} is not 00 to 59` };
  let offsetMinutes = 0;
  if (zone !== undefined && zone !== 'Z') {
    const zh = Number(zone.slice(1, 3));
    const zm = Number(zone.slice(4, 6));
    if (zh > 23 || zm > 59) return { ok: false, reason: `zone ${zone} is not -23:59 to +23:59` };
    offsetMinutes = (zone.startsWith('-') ? -1 : 1) * (zh * 60 + zm);
  }
  const millis = frac === undefined ? 0 : Math.floor(Number(`0${frac}`) * 1000);
  // Date.UTC maps years 0–99 to 1900–1999; setUTCFullYear does not.
  const date = new Date(Date.UTC(2000, month - 1, day, hour, minute, second, millis));
  date.setUTCFullYear(year);
  return { ok: true, ms: date.getTime() - offsetMinutes * 60_000 };
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}
