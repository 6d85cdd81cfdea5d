/**
 * The YAML parser, behind its own module for decode.ts to load with `import()`. A dynamic import
 * of the `yaml` package itself would need its namespace object, and with it a bundler helper
 * chunk that every entry loads up front; through this module only `parse` is kept.
 */
// eslint-disable-next-line no-restricted-imports -- only ever loaded lazily, by decode.ts
export { parse } from 'yaml';
