/**
 * AWS-style resource IDs: 7 characters from [a-z0-9], like real AppConfig application, environment
 * and profile IDs (the model's `Id` shape, `^[a-z0-9]{7}$`).
 */
const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';
const ID_LENGTH = 7;
const ATTEMPTS = 16;

/**
 * Returns a generator of unique IDs drawn from `random` (deterministic when `random` is). If the
 * random source keeps colliding (e.g. a constant stub), it falls back to a counter so it never loops.
 */
export function createIdGenerator(random: () => number): () => string {
  const used = new Set<string>();
  let counter = 0;
  const draw = () => {
    let id = '';
    for (let i = 0; i < ID_LENGTH; i++) {
      const index = Math.floor(random() * ALPHABET.length);
      // A bad injected source (NaN, 1, negative) must not produce an invalid ID.
      id += ALPHABET[Number.isFinite(index) ? Math.min(Math.max(index, 0), 35) : 0];
    }
    return id;
  };
  return () => {
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      const id = draw();
      if (!used.has(id)) {
        used.add(id);
        return id;
      }
    }
    let id: string;
    do id = (counter++).toString(36).padStart(ID_LENGTH, '0');
    while (used.has(id));
    used.add(id);
    return id;
  };
}
