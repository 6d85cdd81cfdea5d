/**
 * Loads an optional peer dependency at run time. The specifier is not a literal on purpose:
 * bundlers that resolve every literal `import()` at build time (Turbopack, webpack) would fail the
 * build of an app that does not install the peer, even when it never reaches this code (issue
 * found by the Next.js example: `appconfig-react/server` holds both emulator and proxy).
 */
export function importOptional<Module>(specifier: string): Promise<Module> {
  return import(/* @vite-ignore */ specifier) as Promise<Module>;
}
