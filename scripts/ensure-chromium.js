// Runs before `npm test`: the end-to-end tests drive Debian's Chromium at /usr/bin/chromium.
// On a fresh Debian machine, as root, install it; anywhere else say how, and fail early.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const CHROMIUM = '/usr/bin/chromium';

if (!existsSync(CHROMIUM)) {
  const canInstall = process.getuid?.() === 0 && existsSync('/usr/bin/apt-get');
  if (!canInstall) {
    console.error(
      `${CHROMIUM} is missing; the end-to-end tests need it. On Debian: sudo apt-get install -y chromium`,
    );
    process.exit(1);
  }
  console.log(`${CHROMIUM} is missing: installing Debian's chromium package…`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-qq', 'chromium'], { stdio: 'inherit', env });
}
