import { basename } from 'node:path';
import { watch } from 'chokidar';
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
  /** Resolves once the folder is being watched (its first scan is done). */
  readonly ready: Promise<void>;
  /** Stops watching. Also run by `emulator.close()`. */
  close(): Promise<void>;
}

// Application/Environment/Profile.ext: nothing deeper is ever read.
const DEPTH = 2;

/**
 * Redeploys profiles whose files change. Watching is chokidar's: it watches the folders, not the
 * files' inodes, so a file replaced rather than rewritten (an editor's rename save, `sed -i`,
 * `git checkout`) is seen on every save, not just the first; Node's own recursive `fs.watch` on
 * Linux watches each file's inode and goes deaf to a file once it was replaced. Editors write in
 * several steps, so events are debounced and the whole folder is re-read; unchanged files are
 * skipped, and refused ones are reported through `onError` and keep their last good version.
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
  const schedule = () => {
    if (closed) return;
    clearTimeout(timer);
    timer = setTimeout(() => void reload(), debounceMs);
  };

  const watcher = watch(dir, {
    ignoreInitial: true,
    depth: DEPTH,
    // Dot-files are never read (editors' swap files, .git); the folder itself may be anything.
    ignored: (path) => path !== dir && basename(path).startsWith('.'),
  });
  watcher.on('all', schedule);
  // E.g. the folder was deleted: report it rather than crash the process with an unhandled event.
  watcher.on('error', (error) => onError(dir, error as Error));
  const ready = new Promise<void>((resolve) => {
    watcher.once('ready', () => {
      // A file saved between the first deployment and the end of the scan: read once more.
      schedule();
      resolve();
    });
  });

  const close = async () => {
    if (closed) return;
    closed = true;
    clearTimeout(timer);
    unregister();
    await watcher.close();
  };
  const unregister = emulator.onClose(() => void close());
  return { ready, close };
}
