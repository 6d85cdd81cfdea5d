/** The playground: the demo app, the editor of what is deployed, and the clients' timeline. */
import { AppConfigProviders } from './app-config-providers.js';
import { HowItReads } from './demo/how-it-reads.js';
import { Storefront } from './demo/storefront.js';
import { Editors } from './editor/editors.js';
import { POLL_INTERVAL_SECONDS } from './profiles.js';
import { FaultButtons } from './timeline/fault-buttons.js';
import { Timeline } from './timeline/timeline.js';
import { createTimelineStore } from './timeline/timeline-store.js';

const timeline = createTimelineStore();

export function App() {
  return (
    <AppConfigProviders onEvent={timeline.push}>
      <header className="topbar">
        <h1>
          appconfig-react <span>playground</span>
        </h1>
        <p>
          AWS AppConfig, emulated on this dev server: no AWS account. The demo asks for AppConfig’s
          shortest poll interval, {POLL_INTERVAL_SECONDS} s, and shows a deployment at its next poll
          (the countdowns say when); deploy a change and watch it land.
        </p>
      </header>
      <main className="layout">
        <section className="column">
          <h2>Demo app</h2>
          <Storefront />
          <HowItReads />
        </section>
        <section className="column">
          <h2>Deployed configuration</h2>
          <Editors />
        </section>
        <section className="column">
          <h2>Client timeline</h2>
          <FaultButtons />
          <Timeline store={timeline} />
        </section>
      </main>
    </AppConfigProviders>
  );
}
