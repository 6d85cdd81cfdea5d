/** Edits a free-form profile (JSON or YAML) as text and deploys it as a new version. */
import { useState } from 'react';
import type { DeployedProfile } from '../../shared/playground-api-types.js';
import { DeployBar } from './deploy-bar.js';
import { useDeploy } from './use-deploy.js';

/** Give it `key={versionNumber}`: a new deployment starts a fresh draft. */
export function SettingsEditor({ deployment }: { deployment: DeployedProfile }) {
  const [draft, setDraft] = useState(deployment.content);
  const deploy = useDeploy();
  return (
    <div className="settings-editor">
      <textarea
        aria-label={`${deployment.profile} content`}
        spellCheck={false}
        value={draft}
        rows={Math.min(16, Math.max(6, draft.split('\n').length + 1))}
        onChange={(event) => setDraft(event.target.value)}
      />
      <DeployBar
        profile={deployment.profile}
        nextVersion={deployment.versionNumber + 1}
        dirty={draft !== deployment.content}
        mutation={deploy}
        onDeploy={(versionLabel) =>
          deploy.mutate({
            application: deployment.application,
            environment: deployment.environment,
            profile: deployment.profile,
            content: draft,
            contentType: deployment.contentType,
            versionLabel,
          })
        }
        onDiscard={() => {
          setDraft(deployment.content);
          deploy.reset();
        }}
      />
    </div>
  );
}
