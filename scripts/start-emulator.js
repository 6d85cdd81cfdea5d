// Starts the AppConfig Data emulator from the built package (dist/cli.js). It builds nothing:
// run `npm run build` first. Extra arguments go to `appconfig-react emulator`, e.g. `--port 0`.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const cli = new URL('../dist/cli.js', import.meta.url);

if (!existsSync(fileURLToPath(cli))) {
  console.error('dist/cli.js is missing: run `npm run build` first, then try again.');
  process.exitCode = 1;
} else {
  const { main } = await import(cli.href);
  const args = process.argv.slice(2);
  const result = await main(args[0] === 'emulator' ? args : ['emulator', ...args]);
  if (result.exitCode !== 0) process.exitCode = result.exitCode;
  else {
    const stop = () => void result.close().then(() => process.exit(0));
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  }
}
