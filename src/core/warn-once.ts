/**
 * Development warnings: each said once per page, prefixed so they are easy to find. Every caller
 * guards its call with `process.env.NODE_ENV !== 'production'`, so production bundles carry
 * neither the calls nor their messages.
 */
const said = new Set<string>();

/** Warns with `message` unless a warning with the same `key` was given already. */
export function warnOnce(key: string, message: string): void {
  if (said.has(key)) return;
  said.add(key);
  console.warn(`[appconfig-react] ${message}`);
}
