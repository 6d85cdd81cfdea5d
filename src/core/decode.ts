/**
 * Turns a configuration body into a value by its Content-Type. YAML goes through the `yaml`
 * package loaded with `import()`, so a bundle that only ever sees JSON never contains it.
 */
import { refusedConfiguration } from './refused-configuration.js';
import { utf8 } from './utf8.js';

/** The media type without parameters, lower case: `Application/JSON; charset=utf-8` → `application/json`. */
export function mediaType(contentType: string | null | undefined): string {
  return (contentType ?? '').split(';')[0]!.trim().toLowerCase();
}

/** How a body of this Content-Type is decoded. */
export function decodingOf(
  contentType: string | null | undefined,
): 'json' | 'yaml' | 'text' | 'bytes' {
  const type = mediaType(contentType);
  if (type === 'application/json' || type === 'text/json' || type.endsWith('+json')) return 'json';
  if (/^(application|text)\/(x-)?yaml$/.test(type)) return 'yaml';
  if (type.startsWith('text/')) return 'text';
  return 'bytes';
}

/**
 * Decodes a non-empty configuration body: JSON and YAML to values, `text/*` to a string, anything
 * else to the bytes themselves. Throws `ConfigurationDecodeError` when JSON or YAML do not parse.
 */
export async function decodeConfiguration(
  body: Uint8Array,
  contentType: string,
  versionLabel?: string,
): Promise<unknown> {
  const kind = decodingOf(contentType);
  if (kind === 'bytes') return body;
  const text = utf8(body);
  if (kind === 'text') return text;
  try {
    if (kind === 'json') return JSON.parse(text) as unknown;
    const { parse } = await import('./parse-yaml.js');
    return parse(text) as unknown;
  } catch (cause) {
    throw refusedConfiguration(
      `is not valid ${kind.toUpperCase()} (Content-Type ${contentType}): ${(cause as Error).message}`,
      { contentType, versionLabel },
      { cause },
    );
  }
}
