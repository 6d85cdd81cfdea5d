import { BadRequestException } from '../../core/errors.js';

/**
 * Largest request body accepted, in bytes (64 KiB). A valid StartConfigurationSession body is under
 * 1 KiB; the cap keeps a hostile client from making the emulator buffer without limit. A larger body
 * gets 400 BadRequestException rather than 413: it is a modelled error, so every SDK types it.
 */
export const MAX_REQUEST_BODY_BYTES = 64 * 1024;

/**
 * Reads a JSON object body. Any Content-Type is accepted (the SDKs always send application/json).
 * An empty body counts as `{}`: restJson1 treats it as "no members", so the validation that follows
 * names each missing member.
 * @throws BadRequestException when the body is too large, not UTF-8, not JSON, or not an object.
 */
export async function readJsonObject(
  request: Request,
  limit: number = MAX_REQUEST_BODY_BYTES,
): Promise<Record<string, unknown>> {
  const declared = Number(request.headers.get('content-length') ?? 0);
  if (declared > limit) throw tooLarge(declared, limit);
  const bytes = await readLimited(request, limit);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new BadRequestException('The request body is not valid UTF-8; send a JSON object.');
  }
  if (text.trim() === '') return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new BadRequestException(
      `The request body is not valid JSON (${(error as Error).message}); send a JSON object.`,
    );
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    const kind = value === null ? 'null' : Array.isArray(value) ? 'an array' : `a ${typeof value}`;
    throw new BadRequestException(`The request body must be a JSON object; got ${kind}.`);
  }
  return value as Record<string, unknown>;
}

function tooLarge(size: number | undefined, limit: number): BadRequestException {
  const got = size === undefined ? 'more than that' : `${size} bytes`;
  const kib = limit % 1024 === 0 ? ` (${limit / 1024} KiB)` : '';
  return new BadRequestException(
    `The request body is too large: the limit is ${limit} bytes${kib}; got ${got}.`,
  );
}

/**
 * Reads the whole body, chunk by chunk, so a body without Content-Length cannot exceed the cap
 * either. @throws BadRequestException past MAX_REQUEST_BODY_BYTES.
 */
export async function readLimited(
  request: Request,
  limit: number = MAX_REQUEST_BODY_BYTES,
): Promise<Uint8Array> {
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge(undefined, limit);
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}
