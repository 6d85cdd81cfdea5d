/** The bottom of an editor: version label, Deploy, Discard, and what the last attempt gave. */
import { useState } from 'react';
import type { UseMutationResult } from '@tanstack/react-query';
import type { DeployRequest, DeployedProfile } from '../../shared/playground-api-types.js';
import { DeployRefusedError } from './playground-api.js';

export interface DeployBarProps {
  profile: string;
  nextVersion: number;
  dirty: boolean;
  mutation: UseMutationResult<DeployedProfile, Error, DeployRequest>;
  onDeploy: (versionLabel: string) => void;
  onDiscard: () => void;
}

export function DeployBar({
  profile,
  nextVersion,
  dirty,
  mutation,
  onDeploy,
  onDiscard,
}: DeployBarProps) {
  const [versionLabel, setVersionLabel] = useState('');
  const error = mutation.error;
  return (
    <div className="deploy-bar">
      <div className="deploy-actions">
        <input
          type="text"
          aria-label={`${profile} version label`}
          placeholder="Version label (optional)"
          value={versionLabel}
          onChange={(event) => setVersionLabel(event.target.value)}
        />
        <button
          type="button"
          className="primary"
          disabled={!dirty || mutation.isPending}
          onClick={() => onDeploy(versionLabel)}
        >
          Deploy {profile} v{nextVersion}
        </button>
        <button
          type="button"
          className="link"
          disabled={!dirty && versionLabel === ''}
          onClick={() => {
            setVersionLabel('');
            onDiscard();
          }}
        >
          Discard
        </button>
      </div>
      {error && (
        <div className="refusal" role="alert" data-testid={`${profile}-refusal`}>
          <strong>
            {error instanceof DeployRefusedError ? 'AppConfig refused it' : 'Failed'}:
          </strong>{' '}
          {error instanceof DeployRefusedError && error.issues?.length ? (
            <ul>
              {error.issues.map((issue) => (
                <li key={`${issue.path}:${issue.message}`}>
                  <code>{issue.path}</code> {issue.message}
                </li>
              ))}
            </ul>
          ) : (
            error.message
          )}
        </div>
      )}
    </div>
  );
}
