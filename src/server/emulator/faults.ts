import { InvalidOptionsError } from '../../core/errors.js';

/** Kinds of injected fault. */
export type FaultKind =
  'throttle' | 'internal' | 'delay' | 'network' | 'expire-token' | 'corrupt-token' | 'too-early';

/** The two operations, or `any`. */
export type FaultOperation = 'StartConfigurationSession' | 'GetLatestConfiguration' | 'any';

/** A fault to inject into the next matching request(s). */
export interface FaultSpec {
  /**
   * - `throttle`: 429 ThrottlingException.
   * - `internal`: 500 InternalServerException.
   * - `delay`: wait `delayMs` on the injected timers, then answer normally.
   * - `network`: the handler rejects with `TypeError('fetch failed')`; the Node adapter resets the socket.
   * - `expire-token` / `corrupt-token`: GetLatestConfiguration answers 400 with Problem `Expired` /
   *   `Corrupted` without looking at the token. `too-early`: 400 `Request too early` with Problem
   *   `PollIntervalNotSatisfied`, as a server whose clock runs ahead would answer. The token is NOT spent: this simulates the server's
   *   answer, and a client is expected to start a new session anyway.
   */
  kind: FaultKind;
  /** How many matching requests it affects. A positive integer or `Infinity`. Default 1. */
  count?: number;
  /** For `delay`: milliseconds to wait. Default 1000. */
  delayMs?: number;
  /** Which operation it applies to. Default `any` (token faults: GetLatestConfiguration only). */
  operation?: FaultOperation;
}

/** An injected fault as stored. */
export interface ActiveFault {
  kind: FaultKind;
  remaining: number;
  delayMs: number;
  operation: FaultOperation;
}

/** Fault injection for tests. At most one fault shapes a request, in injection order. */
export interface FaultController {
  /** Adds a fault for the next `count` matching requests. */
  inject(spec: FaultSpec): void;
  /** Removes every pending fault. */
  clear(): void;
  /** Pending faults (a copy). */
  pending(): ActiveFault[];
}

const TOKEN_FAULTS: ReadonlySet<FaultKind> = new Set([
  'expire-token',
  'corrupt-token',
  'too-early',
]);
const KINDS: ReadonlySet<string> = new Set<FaultKind>([
  'throttle',
  'internal',
  'delay',
  'network',
  'expire-token',
  'corrupt-token',
  'too-early',
]);

/** Creates the fault queue. `take` is the emulator's side: it consumes one matching fault. */
export function createFaults(): FaultController & {
  take(operation: Exclude<FaultOperation, 'any'>): ActiveFault | undefined;
  /** Whether `take(operation)` would find a fault (nothing consumed). */
  has(operation: Exclude<FaultOperation, 'any'>): boolean;
} {
  let faults: ActiveFault[] = [];
  return {
    inject(spec) {
      faults.push(checkSpec(spec));
    },
    clear() {
      faults = [];
    },
    pending: () => faults.map((fault) => ({ ...fault })),
    has: (operation) => faults.some((f) => f.operation === 'any' || f.operation === operation),
    take(operation) {
      const fault = faults.find((f) => f.operation === 'any' || f.operation === operation);
      if (!fault) return undefined;
      fault.remaining -= 1;
      if (fault.remaining <= 0) faults = faults.filter((f) => f !== fault);
      return { ...fault };
    },
  };
}

function checkSpec(spec: FaultSpec): ActiveFault {
  if (!KINDS.has(spec.kind)) {
    throw new InvalidOptionsError(
      'kind',
      `Unknown fault kind "${spec.kind}"; use one of ${[...KINDS].join(', ')}.`,
    );
  }
  const count = spec.count ?? 1;
  if (!(count === Infinity || (Number.isInteger(count) && count > 0))) {
    throw new InvalidOptionsError(
      'count',
      `Fault count must be a positive integer or Infinity; got ${count}.`,
    );
  }
  const delayMs = spec.delayMs ?? 1000;
  if (!(Number.isFinite(delayMs) && delayMs >= 0)) {
    throw new InvalidOptionsError(
      'delayMs',
      `Fault delayMs must be a finite number of milliseconds >= 0; got ${delayMs}.`,
    );
  }
  const isTokenFault = TOKEN_FAULTS.has(spec.kind);
  if (isTokenFault && spec.operation === 'StartConfigurationSession') {
    throw new InvalidOptionsError(
      'operation',
      `A "${spec.kind}" fault applies to GetLatestConfiguration only.`,
    );
  }
  const operation = spec.operation ?? (isTokenFault ? 'GetLatestConfiguration' : 'any');
  return { kind: spec.kind, remaining: count, delayMs, operation };
}
