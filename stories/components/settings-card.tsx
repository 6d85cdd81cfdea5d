/** `useConfiguration` with a zod schema: typed settings, and the last good value on a refusal. */
import { useConfiguration } from '../../src/react/index.js';
import { Settings } from './settings-schema.js';

export function SettingsCard() {
  const { data, status, error, versionLabel, source } = useConfiguration({ schema: Settings });
  return (
    <div className="card">
      <h4>Settings ({status})</h4>
      {data ? (
        <p>
          theme {data.theme} · max {data.maxItems} items{data.banner ? ` · “${data.banner}”` : ''}
        </p>
      ) : (
        <p className="muted">no settings yet</p>
      )}
      <p className="muted">
        source {source ?? 'none'} · label {versionLabel ?? 'none'}
      </p>
      {error && (
        <p className="error" role="alert">
          {error.name}: {error.message}
        </p>
      )}
    </div>
  );
}
