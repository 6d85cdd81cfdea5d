/** OpenFeature's React hooks reading AppConfig: values, reasons, error codes, status, events. */
import { useEffect, useRef, useState } from 'react';
import {
  ProviderEvents,
  useBooleanFlagDetails,
  useNumberFlagDetails,
  useOpenFeatureClient,
  useOpenFeatureClientStatus,
  useStringFlagDetails,
  type EvaluationDetails,
  type FlagValue,
} from '@openfeature/react-sdk';

function describe(details: EvaluationDetails<FlagValue>): string {
  const value = typeof details.value === 'boolean' ? (details.value ? 'on' : 'off') : details.value;
  const label = details.flagMetadata.versionLabel ?? 'no label';
  const code = details.errorCode ? ` ${details.errorCode}` : '';
  return `${details.flagKey}: ${String(value)} (${details.reason}${code} · ${label})`;
}

export function BooleanFlag({ flagKey }: { flagKey: string }) {
  return <li>{describe(useBooleanFlagDetails(flagKey, false))}</li>;
}

export function NumberFlag({ flagKey }: { flagKey: string }) {
  return <li>{describe(useNumberFlagDetails(flagKey, 0))}</li>;
}

export function StringFlag({ flagKey }: { flagKey: string }) {
  return <li>{describe(useStringFlagDetails(flagKey, 'none'))}</li>;
}

/** The provider's status, and the configuration changes announced since mounting. */
export function OpenFeatureStatus({ onReady }: { onReady?: (() => void) | undefined }) {
  const status = useOpenFeatureClientStatus();
  const client = useOpenFeatureClient();
  const [changes, setChanges] = useState<string[]>([]);
  useEffect(() => {
    const controller = new AbortController();
    client.addHandler(
      ProviderEvents.ConfigurationChanged,
      (details) => setChanges((list) => [...list, (details?.flagsChanged ?? []).join(', ')]),
      { signal: controller.signal },
    );
    return () => controller.abort();
  }, [client]);
  const done = useRef(false);
  useEffect(() => {
    if (done.current || status !== 'READY' || !onReady) return;
    done.current = true;
    onReady();
  }, [status, onReady]);
  return (
    <div
      className={`card status status-${status === 'READY' ? 'ready' : status === 'ERROR' ? 'error' : 'loading'}`}
    >
      <h4>{`OpenFeature: ${status}`}</h4>
      {changes.map((flags, index) => (
        <p key={index} className="muted">{`changed: ${flags || 'no flag'}`}</p>
      ))}
    </div>
  );
}
