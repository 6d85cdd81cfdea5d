import { extname } from 'node:path';
import type { Emulator } from '../emulator/types.js';

/**
 * Why a data file was not deployed, and what is served instead, for the CLI's and the Vite
 * plugin's logs: `DemoApp/Development/FeatureFlags.json not deployed: <reason>; version 2 stays
 * served`. `file` is relative to the data folder (anything else, e.g. the folder itself, is
 * reported as it is).
 */
export function refusalMessage(emulator: Emulator, file: string, error: Error): string {
  const parts = file.split(/[\\/]/);
  if (parts.length !== 3) return `${file}: ${error.message}`;
  const [application, environment, name] = parts as [string, string, string];
  const profile = name.slice(0, name.length - extname(name).length);
  const served = emulator.deployed({ application, environment, profile });
  return (
    `${file} not deployed: ${error.message}` +
    (served ? `; version ${served.versionNumber} stays served` : '; nothing is served for it yet')
  );
}
