/**
 * Reads a data folder laid out as `<dir>/<Application>/<Environment>/<Profile>.<ext>`:
 * - `.json` → `application/json`; `.yaml` / `.yml` → `application/x-yaml`; `.txt` → `text/plain`.
 * - A `.json`, `.yaml` or `.yml` file whose top level has `"version": "1"` and a `flags` object is a
 *   feature-flag profile (`AWS.AppConfig.FeatureFlags`) in AppConfig's STORED format. A YAML one is
 *   deployed as JSON, the only content type AppConfig allows for feature flags.
 * Files with other extensions, dot-files and anything not three levels deep are ignored.
 */
import { readdir, readFile } from 'node:fs/promises';
import { extname, join, relative } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { isFeatureFlagDocument } from '../feature-flags/parse-feature-flags.js';
import type { DeployInput } from '../emulator/types.js';

/** Options of `loadDataFolder`. */
export interface DataFolderOptions {
  /** Told about each file that is skipped, with the reason. Default: `console.warn`. */
  onError?: (file: string, error: Error) => void;
}

/** A deploy input read from a file. */
export interface DataFileInput extends DeployInput {
  /** Path of the file, relative to the data folder. */
  file: string;
  content: string;
}

const CONTENT_TYPES: Record<string, string> = {
  '.json': 'application/json',
  '.yaml': 'application/x-yaml',
  '.yml': 'application/x-yaml',
  '.txt': 'text/plain',
};

/** Logs a skipped file; the default `onError`. */
export function warnSkippedFile(file: string, error: Error): void {
  console.warn(`appconfig-react: skipped ${file}: ${error.message}`);
}

/** Reads every configuration file of the folder, sorted by path. Unreadable files are reported and skipped. */
export async function loadDataFolder(
  dir: string,
  options: DataFolderOptions = {},
): Promise<DataFileInput[]> {
  const onError = options.onError ?? warnSkippedFile;
  const inputs: DataFileInput[] = [];
  const seen = new Map<string, string>();
  for (const path of await listFiles(dir)) {
    const file = relative(dir, path);
    const [application, environment, name] = file.split(/[\\/]/) as [string, string, string];
    const extension = extname(name).toLowerCase();
    const profile = name.slice(0, -extension.length);
    const key = JSON.stringify([application, environment, profile]);
    const previous = seen.get(key);
    if (previous) {
      onError(
        file,
        new Error(
          `profile "${profile}" is already defined by ${previous}; use one file per profile`,
        ),
      );
      continue;
    }
    seen.set(key, file);
    try {
      inputs.push({
        file,
        application,
        environment,
        profile,
        ...(await readProfile(path, extension)),
      });
    } catch (error) {
      onError(file, error as Error);
    }
  }
  return inputs;
}

async function readProfile(
  path: string,
  extension: string,
): Promise<Pick<DeployInput, 'contentType' | 'type'> & { content: string }> {
  const text = await readFile(path, 'utf8');
  const contentType = CONTENT_TYPES[extension] ?? 'text/plain';
  if (extension === '.txt') return { content: text, contentType, type: 'AWS.Freeform' };
  let value: unknown;
  try {
    value = extension === '.json' ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    throw new Error(
      `not valid ${extension === '.json' ? 'JSON' : 'YAML'}: ${(error as Error).message.split('\n')[0]}`,
      { cause: error },
    );
  }
  if (isFeatureFlagDocument(value)) {
    const content = extension === '.json' ? text : JSON.stringify(value);
    return { content, contentType: 'application/json', type: 'AWS.AppConfig.FeatureFlags' };
  }
  return { content: text, contentType, type: 'AWS.Freeform' };
}

// Files exactly three levels down (application/environment/profile file), sorted for a stable order.
async function listFiles(dir: string): Promise<string[]> {
  const files: string[] = [];
  const visible = async (path: string) =>
    (await readdir(path, { withFileTypes: true })).filter((entry) => !entry.name.startsWith('.'));
  for (const app of await visible(dir)) {
    if (!app.isDirectory()) continue;
    for (const env of await visible(join(dir, app.name))) {
      if (!env.isDirectory()) continue;
      for (const file of await visible(join(dir, app.name, env.name))) {
        if (file.isFile() && extname(file.name).toLowerCase() in CONTENT_TYPES) {
          files.push(join(dir, app.name, env.name, file.name));
        }
      }
    }
  }
  return files.sort();
}
