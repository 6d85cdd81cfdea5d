/**
 * The one shape of every option error: `<where>field rule; got <value>. <fix>`, thrown as an
 * `InvalidOptionsError` naming the field. The option checks of the client and of the React
 * provider all build their messages here, so the wording and the value display stay the same.
 */
import { InvalidOptionsError } from './errors.js';

/** A value as an error message shows it: strings quoted with their length, objects by kind. */
function show(value: unknown): string {
  if (typeof value === 'string') return `"${value.slice(0, 40)}" (${value.length} characters)`;
  if (Object(value) !== value) return String(value);
  return typeof value === 'function' ? 'a function' : 'an object';
}

/** Throws `InvalidOptionsError` for `field`; `where` prefixes the message (e.g. the component). */
export function invalidOption(
  field: string,
  rule: string,
  value: unknown,
  fix = '',
  where = '',
): never {
  throw new InvalidOptionsError(
    field,
    `${where}${field} ${rule}; got ${show(value)}.${fix && ` ${fix}`}`,
  );
}
