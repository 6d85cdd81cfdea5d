/** Props of `<AppConfigProvider>`. */
import type { ReactNode } from 'react';
import type { QueryClient } from '@tanstack/react-query';
import type { StandardSchemaV1 } from '@standard-schema/spec';
import type { Timers } from '../core/effects.js';
import type { ConfigurationStorage } from '../core/storage.js';
import type {
  AppConfigClientOptions,
  AppConfigEvent,
  InitialConfiguration,
} from '../core/types.js';

/**
 * Props of `<AppConfigProvider>`.
 *
 * The endpoint, the three identifiers and `requiredMinimumPollIntervalInSeconds` name the session:
 * changing one starts a new client. Everything else can change on any render without costing a
 * request: `headers`, `credentials`, `fetch`, `schema`, `persist`, `onEvent` and `name` are read at
 * the time they are used. `initialConfiguration`, `requestTimeoutMs`, `backoff`, `timers`, `now`
 * and `random` are read once, when the client is created.
 */
export interface AppConfigProviderProps extends Pick<
  AppConfigClientOptions,
  'application' | 'environment' | 'profile' | 'requestTimeoutMs' | 'context' | 'transport'
> {
  /**
   * Where the AppConfig Data API is served: an appconfig-react proxy or emulator (or anything
   * that speaks the API). An absolute URL, or in a browser a path such as `/appconfig`.
   * Required unless a `transport` is given.
   */
  endpoint?: string;
  /**
   * `false` polls only until the first configuration from the network (or a server-rendered one)
   * and keeps it for the page's life: one session, no further requests. Default `true`.
   */
  live?: boolean;
  /**
   * `false`: this tab polls on its own. Default: the tabs of this origin that read the same
   * session (endpoint, identifiers, interval, context) share it where the browser has Web Locks
   * and BroadcastChannel: one visible tab polls and the others show what it receives. Read once,
   * when the client is created. See docs/react.md, "Several tabs".
   */
  crossTab?: boolean;
  /**
   * Minimum poll interval asked of the service, in whole seconds from 15 to 86400. Default: the
   * service chooses (60 s). The client always waits as long as the server says.
   */
  requiredMinimumPollIntervalInSeconds?: number;
  /** Extra request headers, or a (possibly async) function called before every request, e.g. for a fresh bearer token. */
  headers?: HeadersInit | (() => HeadersInit | Promise<HeadersInit>);
  /** `credentials` of every request, e.g. `'include'` for a cookie-authenticated proxy. Default: fetch's own (`same-origin`). */
  credentials?: RequestCredentials;
  /** The fetch to use, e.g. an emulator's in tests. Default: the global `fetch`, looked up at call time. */
  fetch?: typeof fetch;
  /**
   * Any Standard Schema validator (zod, valibot, arktype…), synchronous or not, applied before a
   * configuration is stored: one that fails is reported as `ConfigurationDecodeError` and the
   * last good configuration stays. For per-component schemas see `useConfiguration({ schema })`.
   */
  schema?: StandardSchemaV1;
  /**
   * Shown until the first response, on the server too (SSR), so the first render has flags. A
   * persisted configuration takes precedence in the browser unless this one has a newer
   * `fetchedAt`. For server-fetched values prefer `prefetchAppConfig` with `HydrationBoundary`.
   */
  initialConfiguration?: InitialConfiguration<unknown>;
  /**
   * Where the last good configuration is kept between visits, so a returning user's first render
   * already has it. Default: `localStorage` when the page can use it (never on a server, never an
   * error in privacy modes). `false` keeps nothing; or pass any `{ getItem, setItem }` storage,
   * such as `sessionStorage`.
   */
  persist?: ConfigurationStorage | false;
  /**
   * The React Query client to use. Default: the app's own (from `<QueryClientProvider>`) when
   * there is one, else a private one.
   */
  queryClient?: QueryClient;
  /**
   * Names this provider, so hooks can read it with `{ provider: name }` from anywhere inside it,
   * even under other providers (one per profile, say). Default: unnamed (hooks read the nearest).
   */
  name?: string;
  /** Called for every event of the client (session start, poll, error…), e.g. for logs or a network timeline. */
  onEvent?: (event: AppConfigEvent) => void;
  /** Retry delays after throttling, server errors and network failures, in milliseconds. Default: 1000 doubling to 300000, with jitter. */
  backoff?: { initialDelayMs?: number; maxDelayMs?: number };
  /** Timer functions, for tests. Default: the globals at call time (so fake timers work). */
  timers?: Timers;
  /** Clock in milliseconds since the epoch, for tests. Default: `Date.now` at call time. */
  now?: () => number;
  /** Random numbers in [0, 1) for backoff jitter, for tests. Default: `Math.random`. */
  random?: () => number;
  children?: ReactNode;
}
