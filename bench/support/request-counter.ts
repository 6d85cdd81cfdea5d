/**
 * Counts the requests a fetch sends, in constant memory (a week of polling must not grow the heap
 * being measured): per operation and per day, with the answers AppConfig refuses as too early.
 */

const NEXT_TOKEN = 'next-poll-configuration-token';

export interface DayCount {
  gets: number;
  starts: number;
  /** Session starts answered with the first configuration (the combined first call). */
  combined: number;
}

export interface RequestTally {
  gets: number;
  starts: number;
  /** Session starts answered with the first configuration: each is a poll as well as a start. */
  combined: number;
  /** Answered 400 `PollIntervalNotSatisfied` ("Request too early"). */
  early: number;
  /** Answered anything but 200/201. */
  failed: number;
  /** Sent while another request was still in flight. */
  overlapping: number;
  /** Requests by day since `start` (day 0 first). */
  byDay: DayCount[];
}

export function requestCounter(inner: typeof fetch, start: number, dayMs: number) {
  const tally: RequestTally = {
    gets: 0,
    starts: 0,
    combined: 0,
    early: 0,
    failed: 0,
    overlapping: 0,
    byDay: [],
  };
  let inFlight = 0;
  const fetchCounted: typeof fetch = async (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    const isStart = url.includes('/configurationsessions');
    const day = Math.floor((Date.now() - start) / dayMs);
    const bucket = (tally.byDay[day] ??= { gets: 0, starts: 0, combined: 0 });
    if (isStart) {
      tally.starts += 1;
      bucket.starts += 1;
    } else {
      tally.gets += 1;
      bucket.gets += 1;
    }
    if (inFlight > 0) tally.overlapping += 1;
    inFlight += 1;
    try {
      const response = await inner(input, init);
      // A combined session start answers like GetLatestConfiguration, next token included.
      if (isStart && response.status === 200 && response.headers.has(NEXT_TOKEN)) {
        tally.combined += 1;
        bucket.combined += 1;
      }
      if (response.status >= 300) {
        tally.failed += 1;
        const body = await response.clone().text();
        if (body.includes('PollIntervalNotSatisfied')) tally.early += 1;
      }
      return response;
    } finally {
      inFlight -= 1;
    }
  };
  return { fetch: fetchCounted, tally };
}
