/**
 * What the web and server providers share: one AppConfig client (one session, one poll per
 * interval however many flags are evaluated), readiness, the events its snapshots imply, and the
 * evaluations. Each provider wraps it with its own SDK's event emitter and signatures.
 */
import type { FlagValueType, ResolutionDetails } from '@openfeature/core';
import { createAppConfigClient } from '../core/create-app-config-client.js';
import type { AppConfigClient, AppConfigClientOptions, AppConfigSnapshot } from '../core/types.js';
import { changedFlags } from './changed-flags.js';
import { resolveFlag } from './resolve-flag.js';

/** Where a provider gets its AppConfig client: options to create one, or one the app made. */
export type AppConfigProviderSource =
  | AppConfigClientOptions<unknown>
  | {
      /**
       * An existing client, e.g. the one the app's own code reads, so both share one session.
       * The provider starts and stops polling on it but never disposes it.
       */
      client: AppConfigClient<unknown>;
    };

/** The provider events this module decides on; each provider maps them to its SDK's enum. */
export type ProviderEvent = 'ready' | 'stale' | 'error' | 'changed';

/** Details of an emitted event, in OpenFeature's shape. */
export type ProviderEventDetails = {
  message?: string;
  flagsChanged?: string[];
  metadata?: Record<string, string | number | boolean>;
};

type Health = 'loading' | 'ready' | 'stale' | 'error';

/** `stale`: a configuration, and an error beside it (a failed poll, a refused deployment). */
function healthOf(snapshot: AppConfigSnapshot<unknown>): Health {
  if (snapshot.configuration !== undefined) return snapshot.error ? 'stale' : 'ready';
  return snapshot.error ? 'error' : 'loading';
}

const describeError = (snapshot: AppConfigSnapshot<unknown>) =>
  snapshot.error && `${snapshot.error.name}: ${snapshot.error.message}`;

/** @internal */
export class ProviderCore {
  readonly client: AppConfigClient<unknown>;
  private readonly owned: boolean;
  private readonly emit: (event: ProviderEvent, details: ProviderEventDetails) => void;
  /** Every key evaluated so far, with its types: what `flagsChanged` is computed over. */
  private readonly evaluated = new Map<string, Set<FlagValueType>>();
  /** The health last announced (by the SDK for initialize, by us after). */
  private health: Health | undefined;
  private last: AppConfigSnapshot<unknown>;
  private stop: (() => void) | undefined;
  private ready: Promise<void> | undefined;
  private closed = false;

  constructor(
    source: AppConfigProviderSource,
    emit: (event: ProviderEvent, details: ProviderEventDetails) => void,
  ) {
    this.owned = !('client' in source);
    this.client = 'client' in source ? source.client : createAppConfigClient(source);
    this.last = this.client.getSnapshot();
    this.emit = emit;
  }

  /**
   * Starts polling and settles with the first outcome: resolves once a configuration is there
   * (at once for a persisted or initial one), rejects with the AppConfig error when the first
   * attempt fails without one. Polling goes on either way; a later configuration emits READY.
   */
  initialize(): Promise<void> {
    if (this.closed) {
      return Promise.reject(
        new Error('This AppConfig provider was closed: create a new one to set it again.'),
      );
    }
    // The SDK initializes a provider once, even when it serves several domains; callers who do
    // it again share the first outcome.
    return (this.ready ??= this.start());
  }

  private start(): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      let settled = false;
      const settle = (snapshot: AppConfigSnapshot<unknown>) => {
        if (settled) return this.announce(snapshot);
        this.last = snapshot;
        const health = healthOf(snapshot);
        if (health === 'loading') return;
        settled = true;
        // The SDK announces this outcome itself: READY when the promise resolves, ERROR when
        // it rejects. Later changes are compared with what it announced.
        this.health = health === 'error' ? 'error' : 'ready';
        if (health === 'error') reject(snapshot.error);
        else resolve();
      };
      const unsubscribe = this.client.subscribe(() => settle(this.client.getSnapshot()));
      const stopPolling = this.client.startPolling();
      this.stop = () => {
        unsubscribe();
        stopPolling();
        if (!settled) {
          settled = true;
          reject(new Error('The AppConfig provider was closed before its first configuration.'));
        }
      };
      settle(this.client.getSnapshot());
    });
  }

  /** After initialize: the events a new snapshot implies, health first. */
  private announce(next: AppConfigSnapshot<unknown>): void {
    const before = this.last;
    this.last = next;
    const health = healthOf(next);
    if (health !== this.health && health !== 'loading') {
      this.health = health;
      const message = describeError(next);
      this.emit(health, message ? { message } : {});
    }
    if (
      before.configuration === undefined ||
      next.configuration === undefined ||
      (before.configuration === next.configuration && before.source === next.source)
    ) {
      return;
    }
    // A new version that answers every key as before announces nothing: each announcement makes
    // OpenFeature's React hooks render again (their status hook listens to it).
    const flagsChanged = changedFlags(before, next, this.evaluated);
    if (flagsChanged.length === 0) return;
    this.emit('changed', {
      flagsChanged,
      ...(next.versionLabel === undefined ? {} : { metadata: { versionLabel: next.versionLabel } }),
    });
  }

  /** Stops polling and listening; disposes the client when the provider created it. */
  close(): Promise<void> {
    if (!this.closed) {
      this.closed = true;
      this.stop?.();
      if (this.owned) this.client.dispose();
    }
    return Promise.resolve();
  }

  /** One evaluation, from the snapshot the client holds. */
  resolve<T>(key: string, type: FlagValueType, defaultValue: T): ResolutionDetails<T> {
    let types = this.evaluated.get(key);
    if (!types) this.evaluated.set(key, (types = new Set()));
    types.add(type);
    return resolveFlag(this.client.getSnapshot(), key, type, defaultValue);
  }
}
