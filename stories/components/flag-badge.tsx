/** `useFlag`: a flag as an on/off pill. */
import { useFlag } from '../../src/react/index.js';

export interface FlagBadgeProps {
  flag: string;
  defaultValue?: boolean;
}

export function FlagBadge({ flag, defaultValue }: FlagBadgeProps) {
  const enabled = useFlag(flag, { defaultValue });
  return (
    <span className={`pill ${enabled ? 'pill-on' : 'pill-off'}`}>
      {flag}: {enabled ? 'on' : 'off'}
    </span>
  );
}
