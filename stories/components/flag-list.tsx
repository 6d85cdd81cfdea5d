/** `useFlags`: every flag of the profile. */
import { useFlags } from '../../src/react/index.js';

export function FlagList() {
  const flags = Object.entries(useFlags());
  if (flags.length === 0) return <p className="muted">no flags (yet)</p>;
  return (
    <ul className="flag-list">
      {flags.map(([key, { enabled, ...attributes }]) => (
        <li key={key}>
          <span className={`pill ${enabled ? 'pill-on' : 'pill-off'}`}>
            {key}: {enabled ? 'on' : 'off'}
          </span>
          {Object.keys(attributes).length > 0 && <code>{JSON.stringify(attributes)}</code>}
        </li>
      ))}
    </ul>
  );
}
