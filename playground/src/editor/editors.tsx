/** Every deployed profile of the demo application, each in the editor its type calls for. */
import { useQuery } from '@tanstack/react-query';
import { APPLICATION, ENVIRONMENT, PROFILES, type ProviderName } from '../profiles.js';
import { FlagEditor } from './flag-editor.js';
import { NextPollHint } from './next-poll-hint.js';
import { playgroundStateQuery } from './playground-api.js';
import { SettingsEditor } from './settings-editor.js';
import { parseStoredFlags } from './stored-flags.js';

export function Editors() {
  const state = useQuery(playgroundStateQuery);
  if (state.isPending) return <p className="muted">Loading what is deployed…</p>;
  if (state.isError) return <p role="alert">The playground API failed: {state.error.message}</p>;
  const deployments = state.data.deployments.filter(
    (d) => d.application === APPLICATION && d.environment === ENVIRONMENT,
  );
  return (
    <>
      {deployments.map((deployment) => {
        const document =
          deployment.type === 'AWS.AppConfig.FeatureFlags'
            ? parseStoredFlags(deployment.content)
            : undefined;
        const key = `${deployment.profile}:${deployment.versionNumber}`;
        const provider = (Object.keys(PROFILES) as ProviderName[]).find(
          (name) => PROFILES[name] === deployment.profile,
        );
        return (
          <section
            className="panel"
            key={deployment.profile}
            data-testid={`editor-${deployment.profile}`}
          >
            <h3>
              {deployment.profile}
              <small>
                version {deployment.versionNumber}
                {deployment.versionLabel ? ` (“${deployment.versionLabel}”)` : ''} ·{' '}
                {document ? 'feature flags' : deployment.contentType}
              </small>
            </h3>
            {provider && <NextPollHint provider={provider} />}
            {document ? (
              <FlagEditor key={key} deployment={deployment} document={document} />
            ) : (
              <SettingsEditor key={key} deployment={deployment} />
            )}
          </section>
        );
      })}
    </>
  );
}
