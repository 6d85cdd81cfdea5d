/** The CLI's `emulator` command serves the AppConfig Agent's HTTP API too. */
import { expect, it } from 'vitest';
import { main } from '../../src/server/node/cli.js';

it('appconfig-react emulator answers Agent requests for the bundled sample', async () => {
  const result = await main(['emulator', '--port', '0'], { stdout: () => {}, stderr: () => {} });
  try {
    const response = await fetch(
      `${result.url}/applications/DemoApp/environments/Development/configurations/FeatureFlags?flag=darkMode`,
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('configuration-version')).toMatch(/^\d+$/);
    expect(await response.json()).toMatchObject({ enabled: true });
  } finally {
    await result.close();
  }
});
