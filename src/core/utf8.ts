/** A body's bytes as text (UTF-8): one helper for the transport and the decoder. */
export const utf8 = (bytes: Uint8Array): string => new TextDecoder().decode(bytes);
