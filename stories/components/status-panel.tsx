/** `useAppConfigStatus`: the client's state, as a debugging panel would show it. */
import { useAppConfigStatus } from '../../src/react/index.js';

export function StatusPanel() {
  const { status, source, versionLabel, error, stopped } = useAppConfigStatus();
  return (
    <div className={`card status status-${status}`}>
      <h4>
        status: {status}
        {stopped ? ' (stopped)' : ''}
      </h4>
      <p>
        source {source ?? 'none'} · label {versionLabel ?? 'none'}
      </p>
      {error && (
        <p className="error" role="alert">
          {error.name}: {error.message}
          {stopped ? '' : ' (retrying with backoff)'}
        </p>
      )}
    </div>
  );
}
