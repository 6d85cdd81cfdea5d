/**
 * What the cross-tab module borrows from the core: the schema check, structural sharing and the
 * error classes (tabs share a configuration as decoded, and each runs its own schema on it). It
 * is handed over rather than imported because join-tabs.ts is loaded lazily: a lazy module that
 * imported core modules would make a bundler split those out of the first chunk into a shared one,
 * and the first load would pay for the split (about 570 B gzip, measured with esbuild).
 */
import { checkWithSchema } from '../check-with-schema.js';
import { ConfigurationDecodeError, NetworkError } from '../errors.js';
import { SERVICE_ERRORS } from '../service-errors.js';
import { shareStructure } from '../share-structure.js';
import type { ErrorClasses } from './tab-error.js';

/**
 * The schema check, structural sharing, then the error classes in `ErrorClasses` order (a list:
 * fewer bytes).
 */
export type SharingKit = readonly [typeof checkWithSchema, typeof shareStructure, ...ErrorClasses];

export const sharingKit: SharingKit = [
  checkWithSchema,
  shareStructure,
  ...SERVICE_ERRORS,
  NetworkError,
  ConfigurationDecodeError,
];
