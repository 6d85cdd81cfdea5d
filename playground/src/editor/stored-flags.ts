/**
 * AppConfig's STORED feature-flag document, as far as the editor needs it: definitions (with
 * attribute constraints) and values. Edits keep every other field as it was.
 */

export type AttributeConstraints =
  | { type: 'string'; enum?: string[]; pattern?: string; required?: boolean }
  | { type: 'number'; minimum?: number; maximum?: number; required?: boolean }
  | { type: 'boolean'; required?: boolean }
  | { type: 'array'; elements?: { type: 'string' | 'number' }; required?: boolean };

export interface StoredFlagDefinition {
  name?: string;
  description?: string;
  attributes?: Record<string, { description?: string; constraints?: AttributeConstraints }>;
  [field: string]: unknown;
}

export type StoredValue = { enabled?: boolean; [attribute: string]: unknown };

export interface StoredFlags {
  version: string;
  flags: Record<string, StoredFlagDefinition>;
  values?: Record<string, StoredValue>;
  [field: string]: unknown;
}

/** Parses the deployed content; undefined when it is not a stored feature-flag document. */
export function parseStoredFlags(content: string): StoredFlags | undefined {
  try {
    const value = JSON.parse(content) as Partial<StoredFlags>;
    return typeof value.flags === 'object' && value.flags !== null
      ? (value as StoredFlags)
      : undefined;
  } catch {
    return undefined;
  }
}

/** A copy of `document` with one flag's value changed (`undefined` removes an attribute). */
export function withValue(
  document: StoredFlags,
  key: string,
  field: string,
  value: unknown,
): StoredFlags {
  const current: StoredValue = { ...document.values?.[key] };
  if (value === undefined) delete current[field];
  else current[field] = value;
  return { ...document, values: { ...document.values, [key]: current } };
}

/** One variant of a multi-variant flag (`values.<key>._variants[i]`). */
export interface StoredVariant {
  name: string;
  enabled?: boolean;
  rule?: string;
  attributeValues?: Record<string, unknown>;
  [field: string]: unknown;
}

/** The variants of a multi-variant flag value, or undefined for a basic flag. */
export function variantsOf(value: StoredValue | undefined): StoredVariant[] | undefined {
  const variants = value?._variants;
  return Array.isArray(variants) ? (variants as StoredVariant[]) : undefined;
}

/** A copy of `document` with one field of one variant changed (`undefined` removes it). */
export function withVariantField(
  document: StoredFlags,
  key: string,
  index: number,
  field: 'enabled' | 'rule',
  value: unknown,
): StoredFlags {
  const variants = [...(variantsOf(document.values?.[key]) ?? [])];
  const variant: Record<string, unknown> = { ...variants[index]! };
  if (value === undefined) delete variant[field];
  else variant[field] = value;
  variants[index] = variant as StoredVariant;
  return withValue(document, key, '_variants', variants);
}

/** The text of an input turned into the attribute's type. A bad number stays text, for AppConfig to refuse. */
export function parseAttributeInput(
  text: string,
  constraints: AttributeConstraints | undefined,
): unknown {
  if (text.trim() === '') return undefined;
  if (constraints?.type === 'number') {
    const number = Number(text);
    return Number.isFinite(number) ? number : text;
  }
  if (constraints?.type === 'array') {
    const items = text
      .split(',')
      .map((item) => item.trim())
      .filter((item) => item !== '');
    return constraints.elements?.type === 'number' ? items.map(Number) : items;
  }
  return text;
}

/** An attribute value shown in a text input. */
export function formatAttribute(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value)) return value.join(', ');
  return String(value);
}
