/**
 * Edits a feature-flag profile: a switch per flag and its attributes, then deploys the document
 * as a new version. AppConfig's validation runs on the server; a refusal is shown as it came.
 */
import { useState } from 'react';
import type { DeployedProfile } from '../../shared/playground-api-types.js';
import { AttributeInput } from './attribute-input.js';
import { DeployBar } from './deploy-bar.js';
import { withValue, type StoredFlags } from './stored-flags.js';
import { useDeploy } from './use-deploy.js';

export interface FlagEditorProps {
  deployment: DeployedProfile;
  /** The deployed document (parsed from `deployment.content`). */
  document: StoredFlags;
}

/** Give it `key={versionNumber}`: a new deployment starts a fresh draft. */
export function FlagEditor({ deployment, document }: FlagEditorProps) {
  const [draft, setDraft] = useState(document);
  // Bumped by Discard: the attribute inputs keep the text as typed, so they start over.
  const [generation, setGeneration] = useState(0);
  const deploy = useDeploy();
  const dirty = JSON.stringify(draft) !== JSON.stringify(document);
  const set = (key: string, field: string, value: unknown) =>
    setDraft((current) => withValue(current, key, field, value));

  return (
    <div className="flag-editor">
      {Object.entries(draft.flags).map(([key, definition]) => {
        const value = draft.values?.[key] ?? {};
        const attributes = Object.entries(definition.attributes ?? {});
        return (
          <div className="flag-row" key={key}>
            <label className="switch">
              <input
                type="checkbox"
                role="switch"
                aria-label={`${key} enabled`}
                checked={value.enabled === true}
                onChange={(event) => set(key, 'enabled', event.target.checked)}
              />
              <span className="switch-track" aria-hidden />
              <span className="flag-name">{definition.name ?? key}</span>
              <code>{key}</code>
            </label>
            {definition.description && <p className="muted">{definition.description}</p>}
            {attributes.length > 0 && (
              <div className="flag-attributes">
                {attributes.map(([name, attribute]) => (
                  <label key={`${name}:${generation}`} title={attribute.description}>
                    <span>
                      {name}
                      {attribute.constraints?.required ? ' *' : ''}
                    </span>
                    <AttributeInput
                      flag={key}
                      name={name}
                      value={value[name]}
                      constraints={attribute.constraints}
                      onChange={(next) => set(key, name, next)}
                    />
                  </label>
                ))}
              </div>
            )}
          </div>
        );
      })}
      <DeployBar
        profile={deployment.profile}
        nextVersion={deployment.versionNumber + 1}
        dirty={dirty}
        mutation={deploy}
        onDeploy={(versionLabel) =>
          deploy.mutate({
            application: deployment.application,
            environment: deployment.environment,
            profile: deployment.profile,
            content: JSON.stringify(draft, null, 2),
            contentType: 'application/json',
            versionLabel,
          })
        }
        onDiscard={() => {
          setDraft(document);
          setGeneration((n) => n + 1);
          deploy.reset();
        }}
      />
    </div>
  );
}
