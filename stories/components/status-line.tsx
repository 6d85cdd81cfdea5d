/** One line of `useAppConfigStatus`, under the hook a story is about. */
import { useAppConfigStatus } from '../../src/react/index.js';

export function StatusLine() {
  const { status, source, versionLabel, error } = useAppConfigStatus();
  return (
    <p className="muted">
      AppConfig: {status}
      {source ? ` · ${source}` : ''}
      {versionLabel ? ` · ${versionLabel}` : ''}
      {error ? ` · ${error.name}` : ''}
    </p>
  );
}
