import type { DeployResult, Emulator } from '../emulator/types.js';
import {
  loadDataFolder,
  warnSkippedFile,
  type DataFileInput,
  type DataFolderOptions,
} from './load-data-folder.js';

/** What happened to one file. */
export interface DataFileOutcome {
  file: string;
  /** `deployed`: a new version; `unchanged`: same content as deployed; `refused`: see `error`. */
  status: 'deployed' | 'unchanged' | 'refused';
  result?: DeployResult;
  error?: Error;
}

const encoder = new TextEncoder();

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.byteLength === b.byteLength && a.every((byte, index) => byte === b[index]);
}

function isUnchanged(emulator: Emulator, input: DataFileInput): boolean {
  const current = emulator.deployed(input);
  return (
    current !== undefined &&
    current.contentType === input.contentType &&
    current.profile.type === input.type &&
    sameBytes(current.content, encoder.encode(input.content))
  );
}

/**
 * Deploys every file of the folder whose content differs from what is deployed. A refused file
 * (e.g. a feature-flag document AppConfig would refuse) is reported and the last good version of
 * its profile stays served. Files that were deleted leave their profile deployed, as in AppConfig.
 */
export async function deployDataFolder(
  emulator: Emulator,
  dir: string,
  options: DataFolderOptions = {},
): Promise<DataFileOutcome[]> {
  const onError = options.onError ?? warnSkippedFile;
  const outcomes: DataFileOutcome[] = [];
  for (const input of await loadDataFolder(dir, { onError })) {
    if (isUnchanged(emulator, input)) {
      outcomes.push({ file: input.file, status: 'unchanged' });
      continue;
    }
    try {
      const { file: _file, ...deployInput } = input;
      outcomes.push({ file: input.file, status: 'deployed', result: emulator.deploy(deployInput) });
    } catch (error) {
      onError(input.file, error as Error);
      outcomes.push({ file: input.file, status: 'refused', error: error as Error });
    }
  }
  return outcomes;
}
