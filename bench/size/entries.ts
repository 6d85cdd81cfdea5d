/**
 * The consumer entries that bench/bundle-size.ts bundles: one minimal app per library (provider +
 * one boolean flag hook, rendering one flag), plus two references (React alone, our core alone).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const COMPETITORS_DIR = path.join(ROOT, 'bench/competitors');

/** Always external, as in the research's method: every app already ships React. */
export const REACT_EXTERNALS = ['react', 'react-dom', 'react/jsx-runtime'];

export type EntryGroup = 'reference' | 'ours' | 'competitor';

export interface BundleEntry {
  id: string;
  group: EntryGroup;
  /** Row label of the table. */
  label: string;
  /** What the entry imports, for the table. */
  imports: string;
  /** Entry file, relative to the repo root. */
  file: string;
  /** Packages kept out of the bundle besides React. */
  external?: string[];
  /** Resolve `src/<folder>/index.js` imports to these built files instead (the dist variant). */
  dist?: Record<string, string>;
  /** The entry only exists once this file (relative to the repo root) does. */
  requires?: string;
  /** Budget and YAML checks apply to this row (see bench/bundle-size.ts). */
  budgeted?: boolean;
  /** The entry never asks for YAML: `node_modules/yaml/` must stay out of its initial chunks. */
  jsonOnly?: boolean;
}

const REACT_QUERY = '@tanstack/react-query';

const DIST_REACT = { 'src/react/index.js': 'dist/index.js', 'src/core/index.js': 'dist/core.js' };
const DIST_CORE = { 'src/core/index.js': 'dist/core.js' };
const DIST_OPENFEATURE = { 'src/openfeature/index.js': 'dist/openfeature.js' };

/** The OpenFeature SDKs an app using an OpenFeature provider already ships. */
export const OPENFEATURE_SDKS = [
  '@openfeature/web-sdk',
  '@openfeature/core',
  '@openfeature/react-sdk',
];

const oursOpenFeatureProvider = {
  group: 'ours',
  imports: `AppConfigWebProvider; ${OPENFEATURE_SDKS.join(', ')} external`,
  file: 'bench/entries/ours-openfeature-provider.ts',
  external: OPENFEATURE_SDKS,
  jsonOnly: true,
} satisfies Partial<BundleEntry>;

const oursReact = {
  group: 'ours',
  imports: 'AppConfigProvider + useFlag',
  file: 'bench/entries/ours-react.tsx',
  requires: 'src/react/index.ts',
  jsonOnly: true,
} satisfies Partial<BundleEntry>;

export const OUR_ENTRIES: BundleEntry[] = [
  {
    id: 'react-baseline',
    group: 'reference',
    label: 'React alone (reference)',
    imports: 'createContext + useContext',
    file: 'bench/entries/react-baseline.tsx',
  },
  {
    id: 'ours-core',
    group: 'ours',
    label: 'appconfig-react: core client only (src)',
    imports: 'createAppConfigClient + isFlagEnabled',
    file: 'bench/entries/core-client.ts',
    jsonOnly: true,
  },
  {
    ...oursReact,
    id: 'ours-react-own',
    label: 'appconfig-react: our own code (src)',
    imports: `${oursReact.imports}; ${REACT_QUERY} external`,
    external: [REACT_QUERY],
    budgeted: true,
  },
  {
    ...oursReact,
    id: 'ours-react-total',
    label: 'appconfig-react: total with React Query (src)',
    imports: `${oursReact.imports}; ${REACT_QUERY} bundled`,
  },
  {
    id: 'ours-core-dist',
    group: 'ours',
    label: 'appconfig-react: core client only (dist)',
    imports: 'createAppConfigClient + isFlagEnabled',
    file: 'bench/entries/core-client.ts',
    dist: DIST_CORE,
    requires: 'dist/core.js',
    jsonOnly: true,
  },
  {
    ...oursReact,
    id: 'ours-react-own-dist',
    label: 'appconfig-react: our own code (dist)',
    imports: `${oursReact.imports}; ${REACT_QUERY} external`,
    external: [REACT_QUERY],
    dist: DIST_REACT,
    requires: 'dist/index.js',
    budgeted: true,
  },
  {
    ...oursReact,
    id: 'ours-react-total-dist',
    label: 'appconfig-react: total with React Query (dist)',
    imports: `${oursReact.imports}; ${REACT_QUERY} bundled`,
    dist: DIST_REACT,
    requires: 'dist/index.js',
  },
  {
    ...oursOpenFeatureProvider,
    id: 'ours-openfeature-provider',
    label: 'appconfig-react/openfeature: web provider alone (src)',
  },
  {
    ...oursOpenFeatureProvider,
    id: 'ours-openfeature-provider-dist',
    label: 'appconfig-react/openfeature: web provider alone (dist)',
    dist: DIST_OPENFEATURE,
    requires: 'dist/openfeature.js',
  },
  {
    id: 'ours-openfeature-react',
    group: 'ours',
    label: 'appconfig-react/openfeature + @openfeature/react-sdk (src)',
    imports: 'OpenFeatureProvider + useBooleanFlagValue + AppConfigWebProvider',
    file: 'bench/entries/ours-openfeature.tsx',
    jsonOnly: true,
  },
];

const competitor = (
  id: string,
  label: string,
  imports: string,
  external?: string[],
): BundleEntry => ({
  id,
  group: 'competitor',
  label,
  imports,
  file: `bench/competitors/entries/${id}.tsx`,
  ...(external ? { external } : {}),
});

export const COMPETITOR_ENTRIES: BundleEntry[] = [
  competitor(
    'openfeature',
    '@openfeature/react-sdk (no flag provider)',
    'OpenFeatureProvider + useBooleanFlagValue',
  ),
  competitor(
    'openfeature-ofrep',
    '@openfeature/react-sdk + ofrep-web-provider',
    'OpenFeatureProvider + useBooleanFlagValue + OFREPWebProvider',
  ),
  competitor(
    'ofrep-provider-only',
    '@openfeature/ofrep-web-provider alone',
    `OFREPWebProvider; ${OPENFEATURE_SDKS.join(', ')} external`,
    OPENFEATURE_SDKS,
  ),
  competitor('unleash', '@unleash/proxy-client-react', 'FlagProvider + useFlag'),
  competitor('launchdarkly', 'launchdarkly-react-client-sdk', 'LDProvider + useFlags'),
  competitor('configcat', 'configcat-react', 'ConfigCatProvider + useFeatureFlag'),
  competitor(
    'growthbook',
    '@growthbook/growthbook-react',
    'GrowthBook + GrowthBookProvider + useFeatureIsOn',
  ),
];

/** Whether the files an entry needs exist yet (src/react is still being written; dist needs a build). */
export function isAvailable(entry: BundleEntry): boolean {
  return entry.requires === undefined || existsSync(path.join(ROOT, entry.requires));
}
