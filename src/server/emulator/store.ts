/**
 * Applications, environments, configuration profiles, hosted versions and deployments. A profile
 * belongs to an application; its versions are numbered 1, 2, 3…; each environment deploys at most
 * one version of each profile.
 */
import { ResourceNotFoundException } from '../../core/errors.js';
import type { IdentifierField } from '../../core/limits.js';
import type { ProfileType } from './types.js';

/** A resource with an AppConfig ID and a name. */
export interface Named {
  id: string;
  name: string;
}

/** One hosted configuration version. */
export interface HostedVersion {
  versionNumber: number;
  versionLabel: string | undefined;
  contentType: string;
  /** Bytes as deployed. */
  stored: Uint8Array<ArrayBuffer>;
  /** Bytes GetLatestConfiguration sends (the retrieval format for feature flags). */
  served: Uint8Array<ArrayBuffer>;
}

export interface Profile extends Named {
  type: ProfileType;
  versions: HostedVersion[];
}

export interface Environment extends Named {
  /** Deployed version number per profile ID. */
  deployed: Map<string, number>;
}

export interface Application extends Named {
  environments: Environment[];
  profiles: Profile[];
}

/** The three resources a session or a deployment refers to. */
export interface Target {
  application: Application;
  environment: Environment;
  profile: Profile;
}

// IDs win over names: an ID is unique, a name need not be.
function find<T extends Named>(items: readonly T[], identifier: string): T | undefined {
  return (
    items.find((item) => item.id === identifier) ?? items.find((item) => item.name === identifier)
  );
}

/** Creates an empty store whose new resources get IDs from `newId`. */
export function createStore(newId: () => string) {
  const applications: Application[] = [];

  const findApplication = (identifier: string) => find(applications, identifier);

  return {
    applications: applications as readonly Application[],
    findApplication,
    find,

    /** Resolves the three identifiers of a request, checking application, environment, profile in turn. */
    resolve(ids: Record<IdentifierField, string>): Target {
      const application = findApplication(ids.ApplicationIdentifier);
      if (!application)
        throw notFound('Application', 'ApplicationIdentifier', ids.ApplicationIdentifier);
      const environment = find(application.environments, ids.EnvironmentIdentifier);
      if (!environment)
        throw notFound('Environment', 'EnvironmentIdentifier', ids.EnvironmentIdentifier);
      const profile = find(application.profiles, ids.ConfigurationProfileIdentifier);
      if (!profile) {
        throw notFound(
          'ConfigurationProfile',
          'ConfigurationProfileIdentifier',
          ids.ConfigurationProfileIdentifier,
        );
      }
      return { application, environment, profile };
    },

    /** Finds or creates the three resources. The caller has validated everything first. */
    ensure(
      names: { application: string; environment: string; profile: string },
      type: ProfileType,
    ): Target {
      let application = findApplication(names.application);
      if (!application) {
        application = { id: newId(), name: names.application, environments: [], profiles: [] };
        applications.push(application);
      }
      let environment = find(application.environments, names.environment);
      if (!environment) {
        environment = { id: newId(), name: names.environment, deployed: new Map() };
        application.environments.push(environment);
      }
      let profile = find(application.profiles, names.profile);
      if (!profile) {
        profile = { id: newId(), name: names.profile, type, versions: [] };
        application.profiles.push(profile);
      }
      return { application, environment, profile };
    },

    /** Adds a hosted version to the profile and deploys it to the environment. */
    deploy(target: Target, version: Omit<HostedVersion, 'versionNumber'>): HostedVersion {
      const hosted = { ...version, versionNumber: target.profile.versions.length + 1 };
      target.profile.versions.push(hosted);
      target.environment.deployed.set(target.profile.id, hosted.versionNumber);
      return hosted;
    },

    /** The version deployed for a profile in an environment, if any. */
    deployedVersion(environment: Environment, profile: Profile): HostedVersion | undefined {
      const number = environment.deployed.get(profile.id);
      return number === undefined ? undefined : profile.versions[number - 1];
    },
  };
}

/** The store's type. */
export type Store = ReturnType<typeof createStore>;

function notFound(
  resourceType: 'Application' | 'Environment' | 'ConfigurationProfile',
  field: IdentifierField,
  value: string,
): ResourceNotFoundException {
  const label = resourceType === 'ConfigurationProfile' ? 'Configuration profile' : resourceType;
  return new ResourceNotFoundException(
    `${label} ${JSON.stringify(value)} was not found (${field} matches neither an ID nor a name).`,
    { resourceType, referencedBy: { [field]: value } },
  );
}
