// appconfig-react/core without React: create a client, poll on its schedule, read one flag.
// JSON-only: nothing here asks for YAML, so the `yaml` package must stay out of the entry chunk.
import { createAppConfigClient, isFlagEnabled } from '../../src/core/index.js';

const client = createAppConfigClient({
  endpoint: '/appconfig',
  application: 'app',
  environment: 'prod',
  profile: 'flags',
});

client.subscribe(() => {
  const on = isFlagEnabled(client.getSnapshot().configuration, 'new-banner');
  document.body.dataset.banner = on ? 'on' : 'off';
});
client.startPolling();
