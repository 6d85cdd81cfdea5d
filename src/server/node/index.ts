/**
 * `appconfig-react/server/node`: the Node adapter and data folders. The CLI (`main`) lives in its
 * own entry, dist/cli.js, so importing this module never starts a server.
 */
export { serve, DEFAULT_PORT } from './serve.js';
export type { ServeOptions, ServeRequestInfo, ServedHandler } from './serve.js';
export { loadDataFolder } from './load-data-folder.js';
export type { DataFileInput, DataFolderOptions } from './load-data-folder.js';
export { deployDataFolder } from './deploy-data-folder.js';
export type { DataFileOutcome } from './deploy-data-folder.js';
export { watchDataFolder } from './watch-data-folder.js';
export { nodeAgentRequest } from './node-agent-request.js';
export type { DataFolderWatcher, WatchDataFolderOptions } from './watch-data-folder.js';
