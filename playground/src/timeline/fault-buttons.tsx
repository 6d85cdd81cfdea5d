/** Buttons that make the emulator misbehave on the next poll(s), and the faults still pending. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { FaultRequest } from '../../shared/playground-api-types.js';
import { clearFaults, injectFault, playgroundStateQuery } from '../editor/playground-api.js';

const POLL = 'GetLatestConfiguration' as const;

const FAULTS: { label: string; title: string; fault: FaultRequest }[] = [
  {
    label: 'Throttle ×3',
    title: '429 ThrottlingException for the next 3 polls',
    fault: { kind: 'throttle', count: 3, operation: POLL },
  },
  {
    label: '500',
    title: '500 InternalServerException for the next poll',
    fault: { kind: 'internal', operation: POLL },
  },
  {
    label: 'Drop connection',
    title:
      'The next poll gets a 200 status line and headers, then the connection is cut in the ' +
      'middle of the body: the client counts that token as spent and starts a new session',
    fault: { kind: 'network', operation: POLL },
  },
  {
    label: 'Expire token',
    title: 'The next poll is answered “token expired”',
    fault: { kind: 'expire-token' },
  },
  {
    label: 'Corrupt token',
    title: 'The next poll is answered “token corrupted”',
    fault: { kind: 'corrupt-token' },
  },
  {
    label: 'Delay 3 s',
    title: 'The next poll is answered 3 s late',
    fault: { kind: 'delay', delayMs: 3000, operation: POLL },
  },
];

export function FaultButtons() {
  const queryClient = useQueryClient();
  const state = useQuery(playgroundStateQuery);
  const refresh = () => queryClient.invalidateQueries({ queryKey: playgroundStateQuery.queryKey });
  const inject = useMutation({ mutationFn: injectFault, onSuccess: refresh });
  const clear = useMutation({ mutationFn: clearFaults, onSuccess: refresh });
  const pending = state.data?.faults ?? [];
  return (
    <div className="faults">
      <div className="fault-buttons">
        {FAULTS.map(({ label, title, fault }) => (
          <button key={label} type="button" title={title} onClick={() => inject.mutate(fault)}>
            {label}
          </button>
        ))}
      </div>
      <p className="muted" data-testid="pending-faults">
        {pending.length === 0
          ? 'No fault pending: the emulator answers normally.'
          : `Pending: ${pending.map((f) => `${f.kind} ×${f.remaining}`).join(', ')} (hits the next polls of any profile)`}
        {pending.length > 0 && (
          <button type="button" className="link" onClick={() => clear.mutate()}>
            clear
          </button>
        )}
      </p>
      {inject.error && <p role="alert">{inject.error.message}</p>}
    </div>
  );
}
