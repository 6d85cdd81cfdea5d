/**
 * One AppConfig session for every tab of an origin that reads it. The tab holding the session's
 * lock (tab-leadership.ts) leads: its `fetchLatest` is its own session client's, and it tells the
 * other tabs what each step brought (the request leaving, then the data or the error, and when the
 * next request may leave). The others follow: their `fetchLatest` sends nothing to the network and
 * answers with the leader's data or error, so React Query in a follower shows the leader's truth:
 * on the leader's "fetching" a follower's query function waits for the leader's answer, and
 * resolves (once per change) or rejects with it.
 *
 * What travels is the configuration as decoded, before any schema: each tab runs its own schema
 * on it, exactly as on an answer of its own poll (a long-lived tab of an older app version may
 * lead, and its schema is not this tab's). A value this tab's schema refuses never replaces its
 * last good one: it is this tab's refusal, while the tab that accepted it shows it.
 *
 * Tokens never leave their tab. A tab that starts to lead carries on with its own session client
 * (the session it made for its first configuration, or a new one when it has none or its token is
 * too old) and sends nothing before the time the previous leader announced, so the origin's polls
 * keep the interval across a handover, and no token is ever sent twice, whichever tab leads.
 */
import type { StandardSchemaV1 } from '@standard-schema/spec';
import type { AppConfigError } from '../errors.js';
import type { Timers } from '../effects.js';
import type {
  AppConfigSessionClient,
  ConfigurationData,
  PollState,
  ReceivedConfiguration,
} from '../types.js';
import type { CrossTabEnvironment } from './cross-tab-environment.js';
import { sessionChannelName } from './session-channel-name.js';
import { fromTabError, toTabError, type TabErrorKind } from './tab-error.js';
import { createTabLeadership } from './tab-leadership.js';
import type { SharingKit } from './sharing-kit.js';
import {
  isTabMessage,
  type StateMessage,
  type TabMessage,
  type TabSchedule,
} from './tab-messages.js';

export interface ShareSessionOptions {
  environment: CrossTabEnvironment;
  /** The schema check, structural sharing and the error classes (sharing-kit.ts). */
  kit: SharingKit;
  /** This tab's schema (the client option), run on every configuration another tab shares. */
  schema?: StandardSchemaV1<unknown, unknown>;
  /**
   * Asks this tab's scheduler to call `fetchLatest` now (under React: the polling observer's
   * `refetch`): when the leader's poll starts or its answer comes (follower), or when a follower
   * says a poll is due (leader). Returns a falsy value when nothing schedules this client; a
   * leader then takes the step itself.
   */
  wake?: () => unknown;
  /** Wall clock in ms since the epoch: schedules cross tabs, and every tab shares this clock. */
  now: () => number;
  timers: Timers;
  /** How long a follower waits for the leader's answer before it polls on its own, in ms. */
  answerTimeoutMs: number;
}

/**
 * A follower's own timer fires this long after the leader's next poll is due. The leader's
 * "fetching" normally wakes it first; the timer only matters when the leader is late.
 */
export const FOLLOWER_SLACK_MS = 1000;
/** How long a tab that has heard from no leader waits for one to answer before polling itself. */
export const HELLO_TIMEOUT_MS = 500;

const NOTHING: ConfigurationData<never> = Object.freeze({
  configuration: undefined,
  versionLabel: undefined,
  contentType: undefined,
  source: undefined,
  fetchedAt: undefined,
});

/**
 * The session client's rule for replacing a value (create-session-client.ts says why): newer
 * wins, but a server render's value never replaces a network answer.
 */
const isNewer = (a: ConfigurationData<unknown>, b: ConfigurationData<unknown> | undefined) =>
  a.configuration !== undefined &&
  (a.fetchedAt ?? -Infinity) > (b?.fetchedAt ?? -Infinity) &&
  !(a.source === 'server' && b?.source === 'network');

/** What a follower knows of the leader. */
interface Remote extends TabSchedule {
  fetching: boolean;
  error: AppConfigError | undefined;
  kind: TabErrorKind | undefined;
}

/** What a new leader keeps of the previous one: when it may poll, and why not before. */
interface Inherited {
  due: number;
  error: AppConfigError | undefined;
  lastResponseAt: number | undefined;
}

const NONE: Inherited = { due: 0, error: undefined, lastResponseAt: undefined };

type Answer<T> = {
  promise: Promise<ConfigurationData<T>>;
  resolve: (data: ConfigurationData<T>) => void;
  reject: (error: unknown) => void;
};

/**
 * Shares `inner`'s session with the other tabs reading the same one. The returned client takes
 * `inner`'s place (and disposes of it); `inner` may already have polled.
 */
export function shareSession<T>(
  inner: AppConfigSessionClient<T>,
  options: ShareSessionOptions,
): AppConfigSessionClient<T> {
  const { environment, now, timers, answerTimeoutMs } = options;
  const [checkWithSchema, shareStructure, ...errors] = options.kit;
  const ConfigurationDecodeError = errors[6];
  const NetworkError = errors[5];
  const wake = () => options.wake?.();
  const name = sessionChannelName(inner.options);
  const channel = environment.openChannel(name);

  let role: 'leader' | 'follower' | 'alone' = 'follower';
  let data = inner.getData();
  // The configuration as decoded, before the schema, of the newest answer this tab knows (its
  // own session's, or the leader's): what it tells the others when it leads.
  let decoded: ConfigurationData<unknown> | undefined;
  // The inner client's last body received, to see when its own poll brought a new one.
  let received: ReceivedConfiguration | undefined;
  // The fetchedAt of the last data taken from a message, so a repeat costs no check.
  let taken: number | undefined;
  // This tab's schema refused the configuration another tab shared: the deployed configuration
  // is refused here, the last good data stays. Cleared by the next configuration taken or received.
  let refused: AppConfigError | undefined;
  // Messages are handled in order; a schema may answer asynchronously.
  let inbox: Promise<void> = Promise.resolve();
  // Follower: the leader's last word; undefined when no leader spoke, or it fell silent.
  let remote: Remote | undefined;
  // Leader: the error of its last step, and what it took over from the previous leader.
  let failure: AppConfigError | undefined;
  let inherited = NONE;
  let leading: Promise<ConfigurationData<T>> | undefined;
  // Follower: the answer its callers wait for, shared, with the time it is given.
  let answer: Answer<T> | undefined;
  let answerTimer: unknown;
  let disposed = false;

  const tell = (message: TabMessage) => {
    try {
      channel.postMessage(message);
    } catch {
      // A DataCloneError: the configuration cannot be sent to other tabs. It is sent as decoded
      // (JSON, text or bytes), so this is rare; the tabs then poll on their own.
      goAlone();
    }
  };

  /** Notes a new body received by this tab's own session client (its decoded value, if any). */
  const noteReceived = (at = now()) => {
    const latest = inner.seen?.();
    if (latest === received) return;
    received = latest;
    // This tab's own client judged the deployed configuration now: its verdict is the one.
    refused = undefined;
    if (latest?.value === undefined) return;
    const incoming: ConfigurationData<unknown> = {
      configuration: latest.value,
      contentType: latest.contentType,
      versionLabel: latest.versionLabel,
      source: 'network',
      fetchedAt: at,
    };
    if (isNewer(incoming, decoded)) decoded = incoming;
  };

  /**
   * Another tab's configuration, as decoded: this tab's schema checks it, as an answer of its own
   * poll. True when what this tab shows changed (its data, or its refusal).
   */
  const take = async (incoming: ConfigurationData<unknown> | undefined): Promise<boolean> => {
    if (!incoming || incoming.fetchedAt === taken || !isNewer(incoming, data)) return false;
    taken = incoming.fetchedAt;
    if (isNewer(incoming, decoded)) decoded = incoming;
    const { contentType = '', versionLabel } = incoming;
    let value: T;
    try {
      value = (await checkWithSchema(
        options.schema,
        incoming.configuration,
        contentType,
        versionLabel,
      )) as T;
    } catch (cause) {
      // As the session client does: the last good data stays, and the refusal is this tab's.
      refused =
        cause instanceof ConfigurationDecodeError
          ? cause
          : new NetworkError(cause instanceof Error ? cause.message : String(cause), { cause });
      return true;
    }
    const before = refused;
    refused = undefined;
    // A newer configuration taken meanwhile (an asynchronous schema) wins.
    if (disposed || taken !== incoming.fetchedAt) return !!before;
    // Structure shared with what this tab shows: an unchanged flag keeps its identity, so its
    // readers do not render again, as when a poll of this tab's own brings a change.
    const configuration = shareStructure(data?.configuration, value);
    const same =
      configuration === data?.configuration &&
      incoming.contentType === data?.contentType &&
      incoming.versionLabel === data?.versionLabel &&
      incoming.source === data?.source;
    if (same) return !!before;
    data = { ...(incoming as ConfigurationData<T>), configuration };
    return true;
  };

  // --- leading --------------------------------------------------------------------------------

  const leaderError = (): [AppConfigError, TabErrorKind] | undefined => {
    const stop = inner.stoppedBy();
    if (stop) return [stop, 'stop'];
    // Only a body that did not decode is every tab's refusal; a schema's refusal is this tab's
    // own (the others get the decoded value and run their own schema).
    const refusal = inner.refusal();
    if (refusal && received?.value === undefined) return [refusal, 'refusal'];
    if (failure && inner.msUntilNextPoll() > 0) return [failure, 'failure'];
    if (inherited.error && now() < inherited.due) return [inherited.error, 'failure'];
    return undefined;
  };

  const schedule = (): TabSchedule => {
    const poll = inner.getPollState();
    return {
      nextPollAt: Math.max(poll.nextPollAt, inherited.due),
      lastResponseAt: poll.lastResponseAt ?? inherited.lastResponseAt,
      intervalSeconds: poll.intervalSeconds,
      consecutiveFailures: poll.consecutiveFailures,
    };
  };

  const leaderState = (fetching: boolean): StateMessage => {
    const error = leaderError();
    return {
      type: 'state',
      fetching,
      data: fetching ? undefined : decoded,
      error: error && toTabError(...error),
      schedule: schedule(),
    };
  };

  const step = async (): Promise<ConfigurationData<T>> => {
    if (now() < inherited.due) {
      // The previous leader's schedule still holds: nothing may leave before it.
      if (inherited.error) throw inherited.error;
      return data ?? NOTHING;
    }
    const sends = role === 'leader' && inner.msUntilNextPoll() === 0;
    if (sends) tell(leaderState(true));
    try {
      // The data shown (maybe a previous leader's, newer than this client's own) is `current`:
      // the session client adopts it, so a repeat of it from the network is no change.
      const result = await inner.fetchLatest(data);
      failure = undefined;
      noteReceived();
      // A refusal of this tab's schema, of a configuration taken from a previous leader, holds
      // until this tab's own session brings another.
      if (refused) throw refused;
      return result;
    } catch (error) {
      noteReceived();
      if (error !== refused && error !== inner.refusal()) failure = error as AppConfigError;
      throw error;
    } finally {
      data = inner.getData() ?? data;
      if (sends && role === 'leader' && !disposed) tell(leaderState(false));
    }
  };

  /** A step of this tab's own session client (leading, alone, or with no leader answering). */
  const lead = (): Promise<ConfigurationData<T>> =>
    (leading ??= step().finally(() => (leading = undefined)));

  const onLead = () => {
    if (disposed || role !== 'follower') return;
    role = 'leader';
    // A leader that died with a request in flight announced no next time: poll when due.
    inherited =
      remote && !remote.fetching
        ? { due: remote.nextPollAt, error: remote.error, lastResponseAt: remote.lastResponseAt }
        : { ...NONE, lastResponseAt: remote?.lastResponseAt };
    remote = undefined;
    // A poll due now tells the others "fetching" (ending any wait on a leader that is gone);
    // otherwise they hear that nothing is due before the time this leader tells them.
    if (client.msUntilNextPoll() === 0) void lead().catch(() => {});
    else tell(leaderState(false));
    settle(lead);
    wake();
  };

  const onFollow = () => {
    if (role !== 'leader') return;
    role = 'follower';
    const error = leaderError();
    remote = { ...schedule(), fetching: false, error: error?.[0], kind: error?.[1] };
    // Its own schema's refusal stays this tab's, now as a follower.
    const own = inner.refusal();
    if (own && received?.value !== undefined) refused = own;
  };

  const answerPoll = () => {
    // A step in flight tells its answer when it ends.
    if (leading) return;
    if (client.msUntilNextPoll() > 0) return tell(leaderState(false));
    // The scheduler's fetch shows in this tab's own query; without one, step here.
    if (!wake()) void lead().catch(() => {});
  };

  // --- following ------------------------------------------------------------------------------

  const arm = (ms: number) => {
    timers.clearTimeout(answerTimer);
    answerTimer = timers.setTimeout(onSilence, ms);
  };

  const awaitAnswer = (ms: number): Promise<ConfigurationData<T>> => {
    if (!answer) {
      let resolve!: Answer<T>['resolve'];
      let reject!: Answer<T>['reject'];
      const promise = new Promise<ConfigurationData<T>>((yes, no) => {
        resolve = yes;
        reject = no;
      });
      answer = { promise, resolve, reject };
    }
    arm(ms);
    return answer.promise;
  };

  /** Ends the wait of every caller with `run`'s outcome. False when nobody was waiting. */
  const settle = (run: () => Promise<ConfigurationData<T>>): boolean => {
    const pending = answer;
    if (!pending) return false;
    answer = undefined;
    timers.clearTimeout(answerTimer);
    run().then(pending.resolve, pending.reject);
    return true;
  };

  // No leader answered in time (none yet, or it froze): this tab takes its own step instead.
  const onSilence = () => {
    remote = undefined;
    settle(lead);
  };

  /** What a follower's callers get: the leader's data as this tab checked it, or the error. */
  const followed = (): Promise<ConfigurationData<T>> => {
    const error = remote?.error ?? refused;
    return error ? Promise.reject(error) : Promise.resolve(data ?? NOTHING);
  };

  const onState = async (message: StateMessage) => {
    // A body the leader could not decode is refused in every tab: this tab's own verdict on an
    // earlier configuration no longer applies.
    if (message.error?.kind === 'refusal') refused = undefined;
    const changed = await take(message.data);
    // A leader hears a state only from its predecessor, late: the data is all that counts.
    if (role !== 'follower' || disposed) return;
    const before = remote?.error;
    const error = message.error && fromTabError(message.error, errors);
    remote = { ...message.schedule, fetching: message.fetching, error, kind: message.error?.kind };
    if (message.fetching) {
      if (answer) arm(answerTimeoutMs);
      wake();
      return;
    }
    const settled = settle(followed);
    if (changed || settled || before?.message !== error?.message) wake();
  };

  const follow = (): Promise<ConfigurationData<T>> => {
    if (remote?.fetching) return awaitAnswer(answerTimeoutMs);
    if (remote && now() < remote.nextPollAt) return followed();
    // No leader heard and this tab's own session not due: what it knows is all there is.
    if (!remote && inner.msUntilNextPoll() > 0) return lead();
    tell({ type: 'poll' });
    return awaitAnswer(remote ? answerTimeoutMs : HELLO_TIMEOUT_MS);
  };

  // --- alone, reset, messages ------------------------------------------------------------------

  function goAlone() {
    if (role === 'alone' || disposed) return;
    role = 'alone';
    leadership.dispose();
    channel.onmessage = null;
    try {
      channel.postMessage({ type: 'alone' } satisfies TabMessage);
    } catch {
      // Closed already: nobody to tell.
    }
    channel.close();
    remote = undefined;
    settle(lead);
  }

  const forget = () => {
    inner.reset();
    failure = undefined;
    inherited = NONE;
    if (remote) remote = { ...remote, nextPollAt: 0, error: undefined, kind: undefined };
  };

  const onMessage = (message: TabMessage) => {
    if (disposed) return;
    if (message.type === 'state') return onState(message);
    if (message.type === 'poll') {
      if (role === 'leader') answerPoll();
    } else if (message.type === 'reset') forget();
    else goAlone();
  };

  channel.onmessage = ({ data: message }) => {
    if (disposed || !isTabMessage(message)) return;
    // In the order sent, each after the schema check of the one before.
    inbox = inbox.then(() => onMessage(message)).catch(() => {});
  };

  const leadership = createTabLeadership({
    environment,
    name,
    onLead,
    onFollow,
    // A leader going to the background lets go once its requests in flight are answered and told.
    beforeRelease: async () => {
      while (leading) await leading.catch(() => {});
    },
  });

  const client: AppConfigSessionClient<T> = {
    options: inner.options,
    getData: () => data,
    fetchLatest(current) {
      if (current && isNewer(current, data)) data = current;
      if (disposed) return Promise.resolve(data ?? NOTHING);
      return role === 'follower' ? follow() : lead();
    },
    getPollState(): PollState {
      if (role !== 'follower' || !remote) {
        const own = inner.getPollState();
        return { ...own, nextPollAt: Math.max(own.nextPollAt, inherited.due) };
      }
      const { nextPollAt, lastResponseAt, intervalSeconds, consecutiveFailures } = remote;
      return {
        nextPollAt,
        lastResponseAt,
        intervalSeconds,
        consecutiveFailures,
        inFlight: remote.fetching,
      };
    },
    msUntilNextPoll() {
      if (disposed) return Infinity;
      if (role !== 'follower') return Math.max(inner.msUntilNextPoll(), inherited.due - now());
      if (answer || remote?.fetching) return 0;
      if (!remote) return inner.msUntilNextPoll();
      if (remote.nextPollAt === Infinity) return Infinity;
      return Math.max(0, remote.nextPollAt - now()) + FOLLOWER_SLACK_MS;
    },
    refusal: () =>
      refused ??
      (role === 'follower' && remote
        ? remote.kind === 'refusal'
          ? remote.error
          : undefined
        : inner.refusal()),
    stoppedBy: () =>
      role === 'follower' && remote
        ? remote.kind === 'stop'
          ? remote.error
          : undefined
        : (inner.stoppedBy() ?? (inherited.due === Infinity ? inherited.error : undefined)),
    reset() {
      if (disposed) return;
      forget();
      if (role !== 'alone') tell({ type: 'reset' });
    },
    dispose() {
      if (disposed) return;
      disposed = true;
      leadership.dispose();
      channel.onmessage = null;
      channel.close();
      settle(() => Promise.resolve(data ?? NOTHING));
      inner.dispose();
    },
    subscribeEvents: (listener) => inner.subscribeEvents(listener),
  };

  // What `inner` received before it was shared (its first poll), as decoded.
  noteReceived(inner.refusal() ? now() : data?.fetchedAt);
  // A tab that joins asks the leader, if any, where things stand.
  tell({ type: 'poll' });
  return client;
}
