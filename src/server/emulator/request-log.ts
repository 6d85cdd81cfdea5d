import type { FaultKind } from './faults.js';

/** Operation of a logged request. `Preflight` is a CORS `OPTIONS`; `Unknown` matched no route. */
export type LoggedOperation =
  'StartConfigurationSession' | 'GetLatestConfiguration' | 'Preflight' | 'Unknown';

/** One request as the emulator saw it. */
export interface RequestLogEntry {
  operation: LoggedOperation;
  method: string;
  /** Path without the base path. */
  path: string;
  /** HTTP status answered; 0 when a `network` fault dropped the request. */
  status: number;
  /** Arrival time, from the injected clock (ms). */
  at: number;
  /** `x-amzn-RequestId` of the response. */
  requestId: string;
  /** Internal session ID (`^[a-z0-9]{7}$`) when the request belonged to a session. */
  sessionId?: string;
  /**
   * A StartConfigurationSession with `?include=configuration` that answered the first
   * configuration too (then `versionServed` and `empty` describe that answer).
   */
  combined?: boolean;
  /** Hosted version number sent in the body (only when the body was not empty). */
  versionServed?: number;
  /** For GetLatestConfiguration (or a combined start) answered 200: true when the body was empty. */
  empty?: boolean;
  /** The injected fault that shaped this response, if any. */
  fault?: FaultKind;
  /** `x-amzn-ErrorType` of an error response. */
  errorType?: string;
}

/** A bounded log: once `capacity` entries are held, each new one drops the oldest. */
export interface RequestLog {
  add(entry: RequestLogEntry): void;
  entries(): RequestLogEntry[];
  clear(): void;
}

/** Creates a ring buffer of `capacity` entries that also reports each entry to `onEntry`. */
export function createRequestLog(
  capacity: number,
  onEntry?: (entry: RequestLogEntry) => void,
): RequestLog {
  const buffer: RequestLogEntry[] = [];
  let start = 0; // index of the oldest entry once the buffer is full
  return {
    add(entry) {
      if (buffer.length < capacity) buffer.push(entry);
      else {
        buffer[start] = entry;
        start = (start + 1) % capacity;
      }
      onEntry?.(entry);
    },
    entries: () => [...buffer.slice(start), ...buffer.slice(0, start)],
    clear() {
      buffer.length = 0;
      start = 0;
    },
  };
}
