/**
 * Checks AppConfig's token-chain rules over a recorded request log (recording-fetch.ts). Returns
 * the violations as sentences, so a failing property test says what broke.
 */
import type { RecordedRequest } from './recording-fetch.js';

export interface InvariantOptions {
  /** The least delay the client waits after a failure (half its initial backoff). */
  minBackoffMs: number;
}

export function chainViolations(
  requests: readonly RecordedRequest[],
  options: InvariantOptions,
): string[] {
  const violations: string[] = [];
  const spent = new Set<string>();
  // Earliest time each token may be sent: tokens from a 200 wait out the interval.
  const allowedAt = new Map<string, number>();
  requests.forEach((request, index) => {
    const label = `request #${index} (${request.operation} at ${request.sentAt})`;
    if (request.concurrent > 1)
      violations.push(`${label} was sent while another request was in flight`);
    if (request.operation === 'GetLatestConfiguration' && request.token !== undefined) {
      if (spent.has(request.token))
        violations.push(`${label} re-sent a token that already got a 200`);
      const earliest = allowedAt.get(request.token);
      if (earliest !== undefined && request.sentAt < earliest) {
        violations.push(
          `${label} was sent ${earliest - request.sentAt} ms before its token's interval ended`,
        );
      }
    }
    const previous = requests[index - 1];
    if (previous) {
      const failed =
        previous.status === undefined || previous.status === 429 || (previous.status ?? 0) >= 500;
      const renewing = previous.problem === 'Expired' || previous.problem === 'Corrupted';
      const waitedFrom = previous.answeredAt ?? previous.sentAt;
      if (failed && !renewing && request.sentAt - waitedFrom < options.minBackoffMs) {
        violations.push(
          `${label} came ${request.sentAt - waitedFrom} ms after a failure; backoff is at least ${options.minBackoffMs} ms`,
        );
      }
    }
    // A combined session start (the first configuration with the session) issues its next token
    // like a poll does.
    if (request.combined && request.nextToken && request.answeredAt !== undefined) {
      allowedAt.set(request.nextToken, request.answeredAt + (request.intervalSeconds ?? 0) * 1000);
    }
    if (request.status === 200 && request.operation === 'GetLatestConfiguration' && request.token) {
      spent.add(request.token);
      if (request.nextToken && request.answeredAt !== undefined) {
        allowedAt.set(
          request.nextToken,
          request.answeredAt + (request.intervalSeconds ?? 0) * 1000,
        );
      }
    }
    if (
      request.problem === 'PollIntervalNotSatisfied' &&
      request.token &&
      request.answeredAt !== undefined
    ) {
      allowedAt.set(request.token, request.answeredAt + (request.intervalSeconds ?? 15) * 1000);
    }
  });
  return violations;
}
