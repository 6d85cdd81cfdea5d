/**
 * `createEmulator()`: an in-process AWS AppConfig Data service for tests, Storybook, the playground
 * and local development. It wires the store, the session table, the router and the handler.
 */
import { InvalidOptionsError } from '../../core/errors.js';
import { normaliseBasePath } from '../shared/base-path.js';
import { createHandler } from './create-handler.js';
import { inProcessFetch } from '../shared/in-process-fetch.js';
import { resolveEffects } from './effects.js';
import { createFaults } from './faults.js';
import { createIdGenerator } from './ids.js';
import { checkDeployInput, prepareVersion } from './prepare-deployment.js';
import { createRequestLog } from './request-log.js';
import { createRoutes } from './routes.js';
import { checkPollIntervalOption } from './poll-interval-option.js';
import { createSessions } from './sessions.js';
import { createStore, type Target } from './store.js';
import { checkSignatureRequirement, createSignatureVerifier } from './verify-signature.js';
import type {
  DeployInput,
  DeployResult,
  DeployedConfiguration,
  DeploymentSummary,
  Emulator,
  EmulatorOptions,
} from './types.js';

const DEFAULT_LOG_SIZE = 1000;

/** Creates an emulator. Throws InvalidOptionsError for a bad option or a refused `data` entry. */
export function createEmulator(options: EmulatorOptions = {}): Emulator {
  const effects = resolveEffects(options);
  const basePath = normaliseBasePath(options.basePath ?? '');
  const logSize = options.requestLogSize ?? DEFAULT_LOG_SIZE;
  if (!Number.isInteger(logSize) || logSize < 1) {
    throw new InvalidOptionsError(
      'requestLogSize',
      `requestLogSize must be a positive integer; got ${logSize}.`,
    );
  }
  const pollIntervalSeconds =
    options.pollIntervalSeconds === undefined
      ? undefined
      : checkPollIntervalOption(options.pollIntervalSeconds, 'createEmulator');
  if (options.requireSignature) {
    const problem = checkSignatureRequirement(options.requireSignature);
    if (problem) throw new InvalidOptionsError('requireSignature', problem);
  }
  const newId = createIdGenerator(effects.random);
  const store = createStore(newId);
  const sessions = createSessions({
    now: effects.now,
    random: effects.random,
    strictTokenReuse: options.strictTokenReuse ?? true,
    enforcePollInterval: options.enforcePollInterval ?? 'requested',
    announcedIntervalSeconds: pollIntervalSeconds,
  });
  const log = createRequestLog(logSize, options.onRequest);
  const faults = createFaults();
  const closing = new AbortController();
  const closers = new Set<() => void>();

  const cors = options.cors === false ? false : (options.cors ?? { origins: '*' });
  const routes = createRoutes({ store, sessions, basePath, cors: cors !== false });
  const handle = createHandler({
    app: routes.app,
    pollNow: routes.pollNow,
    hasFault: faults.has,
    basePath,
    cors,
    effects,
    log,
    takeFault: faults.take,
    closing: closing.signal,
    ...(options.requireSignature
      ? { verify: createSignatureVerifier(options.requireSignature) }
      : {}),
  });

  function deploy(input: DeployInput): DeployResult {
    checkDeployInput(input);
    const existing = findProfile(input.application, input.profile);
    if (existing && input.type !== undefined && input.type !== existing.type) {
      throw new InvalidOptionsError(
        'type',
        `Profile "${existing.name}" has type ${existing.type}; a profile's type cannot change (got ${input.type}).`,
      );
    }
    const type = input.type ?? existing?.type ?? 'AWS.Freeform';
    const version = prepareVersion(input, type); // throws before anything is created
    const target = store.ensure(input, type);
    const hosted = store.deploy(target, version);
    return {
      applicationId: target.application.id,
      environmentId: target.environment.id,
      profileId: target.profile.id,
      versionNumber: hosted.versionNumber,
      versionLabel: hosted.versionLabel,
    };
  }

  function findProfile(application: string, profile: string) {
    const app = store.findApplication(application);
    return app && store.find(app.profiles, profile);
  }

  function summarise(target: Target): DeploymentSummary | undefined {
    const version = store.deployedVersion(target.environment, target.profile);
    if (!version) return undefined;
    const { application, environment, profile } = target;
    return {
      application: { id: application.id, name: application.name },
      environment: { id: environment.id, name: environment.name },
      profile: { id: profile.id, name: profile.name, type: profile.type },
      versionNumber: version.versionNumber,
      versionLabel: version.versionLabel,
      contentType: version.contentType,
    };
  }

  function describe(): DeploymentSummary[] {
    return store.applications.flatMap((application) =>
      application.environments.flatMap((environment) =>
        application.profiles.flatMap(
          (profile) => summarise({ application, environment, profile }) ?? [],
        ),
      ),
    );
  }

  function deployed(ref: {
    application: string;
    environment: string;
    profile: string;
  }): DeployedConfiguration | undefined {
    const application = store.findApplication(ref.application);
    const environment = application && store.find(application.environments, ref.environment);
    const profile = application && store.find(application.profiles, ref.profile);
    if (!application || !environment || !profile) return undefined;
    const summary = summarise({ application, environment, profile });
    const version = store.deployedVersion(environment, profile);
    return summary && version && { ...summary, content: new Uint8Array(version.stored) };
  }

  for (const input of options.data ?? []) deploy(input);

  return {
    handle,
    fetch: (input, init) => inProcessFetch(handle, input, init),
    deploy,
    describe,
    deployed,
    faults: { inject: faults.inject, clear: faults.clear, pending: faults.pending },
    get requests() {
      return log.entries();
    },
    clearRequests: log.clear,
    onClose(callback) {
      closers.add(callback);
      return () => closers.delete(callback);
    },
    close() {
      closing.abort(new TypeError('fetch failed', { cause: new Error('the emulator was closed') }));
      for (const callback of [...closers]) callback();
      closers.clear();
    },
  };
}
