/**
 * How an OpenFeature flag key addresses the AppConfig configuration. Two syntaxes:
 *
 * - `flagKey` or `flagKey.attribute`: dotted names, for feature-flag profiles. AppConfig flag and
 *   attribute keys match `^[a-z][a-zA-Z\d_-]{0,63}$`, so a dot never belongs to a name. The same
 *   walk reads a free-form configuration by member names (`checkout.limits.maxItems`).
 * - `/a/b/0`: an RFC 6901 JSON pointer into the whole configuration (free-form or flags), for
 *   member names that hold dots or slashes (`~1` is `/`, `~0` is `~`) and for array items.
 */

/** A parsed flag key: the member names (and array indexes) from the configuration's root. */
export type FlagPath = readonly string[];

/** Thrown for a key neither syntax accepts; the provider answers it with `GENERAL`. */
export class InvalidFlagKeyError extends Error {
  override readonly name = 'InvalidFlagKeyError';
}

/**
 * Parses a flag key. A key starting with `/` is a JSON pointer; anything else is a dotted path
 * whose names may not be empty.
 * @throws InvalidFlagKeyError for an empty key, an empty dotted name or a bad `~` escape.
 */
export function parseFlagKey(key: string): FlagPath {
  if (key.startsWith('/')) {
    return key
      .slice(1)
      .split('/')
      .map((token) => {
        if (/~(?![01])/.test(token)) {
          throw new InvalidFlagKeyError(
            `Flag key "${key}" is not a valid JSON pointer: "~" must be followed by 0 (for "~") or 1 (for "/").`,
          );
        }
        // Order matters (RFC 6901 §4): "~01" is "~1", not "/".
        return token.replaceAll('~1', '/').replaceAll('~0', '~');
      });
  }
  const names = key.split('.');
  if (names.some((name) => name === '')) {
    throw new InvalidFlagKeyError(
      `Flag key "${key}" has an empty name: use "flagKey", "flagKey.attribute" or a JSON pointer such as "/flagKey/attribute".`,
    );
  }
  return names;
}
