/** `useFlagDetails`: a flag with its attributes and where its value came from. */
import { useFlagDetails } from '../../src/react/index.js';

export function FlagDetailsCard({ flag }: { flag: string }) {
  const details = useFlagDetails(flag);
  const attributes = Object.entries(details.attributes);
  return (
    <div className="card">
      <h4>
        {flag}{' '}
        <span className={`pill ${details.enabled ? 'pill-on' : 'pill-off'}`}>
          {details.enabled ? 'on' : 'off'}
        </span>
      </h4>
      {attributes.length === 0 ? (
        <p className="muted">no attributes</p>
      ) : (
        <dl>
          {attributes.map(([name, value]) => (
            <div key={name}>
              <dt>{name}</dt>
              <dd>{JSON.stringify(value)}</dd>
            </div>
          ))}
        </dl>
      )}
      <p className="muted">
        status {details.status} · source {details.source ?? 'none'} · label{' '}
        {details.versionLabel ?? 'none'}
        {details.isDefault ? ' · default value (no such flag)' : ''}
      </p>
    </div>
  );
}
