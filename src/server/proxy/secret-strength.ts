/**
 * A rough strength check of the token secret, to catch placeholders (`aaaa…`, `changeme…`
 * repeated, `0123456789abcdef` twice) rather than to measure real entropy, which text cannot show.
 * Two tests: the empirical Shannon entropy of the characters, times the length, must reach
 * `MIN_SECRET_BITS`; and the secret must not be a shorter string repeated. The output of
 * `openssl rand -base64 32` (44 characters) scores about 200 bits; `openssl rand -hex 16`
 * (32 characters, 128 real bits) about 115, rarely under 95.
 */

/** Shannon-estimate bits a secret needs. */
export const MIN_SECRET_BITS = 80;

/** How to make a good secret, for error messages. */
export const MAKE_SECRET_ADVICE =
  "make one with `openssl rand -base64 32` or `node -e \"console.log(require('node:crypto').randomBytes(32).toString('base64'))\"`";

/** Estimated bits: the empirical entropy per character times the length. */
export function estimateSecretBits(secret: string): number {
  const counts = new Map<string, number>();
  const characters = [...secret];
  for (const character of characters) counts.set(character, (counts.get(character) ?? 0) + 1);
  let perCharacter = 0;
  for (const count of counts.values()) {
    const p = count / characters.length;
    perCharacter -= p * Math.log2(p);
  }
  return perCharacter * characters.length;
}

/** The shortest period of `text` shorter than its length (`abcabc` → 3), else undefined. */
function period(text: string): number | undefined {
  for (let p = 1; p <= text.length / 2; p++) {
    let repeats = true;
    for (let i = p; i < text.length && repeats; i++) repeats = text[i] === text[i - p];
    if (repeats) return p;
  }
  return undefined;
}

/** Why `secret` is too weak, or undefined when it passes. */
export function weakSecretProblem(secret: string): string | undefined {
  const repeated = period(secret);
  if (repeated !== undefined) {
    return `is a string of ${repeated} character${repeated === 1 ? '' : 's'} repeated, which anyone can guess; ${MAKE_SECRET_ADVICE}.`;
  }
  const bits = Math.floor(estimateSecretBits(secret));
  if (bits < MIN_SECRET_BITS) {
    return `has too little entropy (about ${bits} bits by its characters; at least ${MIN_SECRET_BITS} needed): use random characters; ${MAKE_SECRET_ADVICE}.`;
  }
  return undefined;
}
