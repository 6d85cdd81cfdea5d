/** `useSuspenseFlag` and `useSuspenseConfiguration` under `<Suspense>`, with an error boundary. */
import { Component, Suspense, type ReactNode } from 'react';
import { useSuspenseConfiguration, useSuspenseFlag } from '../../src/react/index.js';
import { Settings } from './settings-schema.js';

export class ErrorBoundary extends Component<{ children?: ReactNode }, { error?: Error }> {
  override state: { error?: Error } = {};
  static getDerivedStateFromError(error: Error) {
    return { error };
  }
  override render() {
    const { error } = this.state;
    if (!error) return this.props.children;
    return (
      <p className="error" role="alert">
        Error boundary: {error.name}: {error.message}
      </p>
    );
  }
}

function SuspenseFlag({ flag }: { flag: string }) {
  const enabled = useSuspenseFlag(flag);
  return (
    <span className={`pill ${enabled ? 'pill-on' : 'pill-off'}`}>
      {flag}: {enabled ? 'on' : 'off'}
    </span>
  );
}

function SuspenseSettings() {
  const { data, source } = useSuspenseConfiguration({ schema: Settings });
  return (
    <p>
      theme {data.theme} · max {data.maxItems} items (source {source})
    </p>
  );
}

const fallback = <p className="muted">Suspense fallback: waiting for AppConfig…</p>;

export function SuspenseFlagView({ flag }: { flag: string }) {
  return (
    <ErrorBoundary>
      <Suspense fallback={fallback}>
        <SuspenseFlag flag={flag} />
      </Suspense>
    </ErrorBoundary>
  );
}

export function SuspenseSettingsView() {
  return (
    <ErrorBoundary>
      <Suspense fallback={fallback}>
        <SuspenseSettings />
      </Suspense>
    </ErrorBoundary>
  );
}
