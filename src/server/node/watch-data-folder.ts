import { watch } from 'node:fs';
import type { Emulator } from '../emulator/types.js';
import { deployDataFolder, type DataFileOutcome } from './deploy-data-folder.js';
import { warnSkippedFile, type DataFolderOptions } from './load-data-folder.js';

/** Options of `watchDataFolder`. */
export interface WatchDataFolderOptions extends DataFolderOptions {
  /** Quiet time after the last file event before the folder is re-read, in ms. Default 100. */
  debounceMs?: number;
  /** Called after each re-read with what happened to each file. */
  onReload?: (outcomes: DataFileOutcome[]) => void;
}

/** A running watcher. */
export interface DataFolderWatcher {
  /** Stops watching. Also run by `emulator.close()`. */
  close(): void;
}

/**
 * Redeploys profiles whose files change. `fs.watch` with `recursive: true` works on Linux from
 * Node 20 (checked on 20.20, including folders created later), macOS and Windows. Editors write a
 * file in several steps, so events are debounced and the whole folder is re-read; unchanged files
 * are skipped and refused ones keep their last good version.
 */
export function watchDataFolder(
  emulator: Emulator,
  dir: string,
  options: WatchDataFolderOptions = {},
): DataFolderWatcher {
  const debounceMs = options.debounceMs ?? 100;
  const onError = options.onError ?? warnSkippedFile;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running: Promise<void> | undefined;
  let again = false;
  let closed = false;

  const reload = async (): Promise<void> => {
    if (running) {
      again = true; // one more pass once the current one ends
      return;
    }
    running = deployDataFolder(emulator, dir, options)
      .then((outcomes) => options.onReload?.(outcomes))
      .catch((error: Error) => onError(dir, error))
      .finally(() => {
        running = undefined;
        if (again && !closed) {
          again = false;
          void reload();
        }
      });
  };

  const watcher = watch(dir, { recursive: true }, () => {
    if (closed) return;
    clearTimeout(timer);
    timer = setTimeout(() => void reload(), debounceMs);
  });

  // E.g. the folder was deleted: report it rather than crash the process with an unhandled event.
  watcher.on('error', (error) => onError(dir, error));

  const close = () => {
    if (closed) return;
    closed = true;
    clearTimeout(timer);
    watcher.close();
    unregister();
  };
  const unregister = emulator.onClose(close);
  return { close };
}
