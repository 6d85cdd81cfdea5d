/** What the reader-CPU page and bench/reader-cpu.ts agree on. */
export const READER_CPU_REF = { application: 'bench', environment: 'prod', profile: 'many-flags' };

/** `flag0000` … for `count` flags. */
export const flagKey = (index: number) => `flag${String(index).padStart(4, '0')}`;

/** Which hook the page's readers use (`?hook=`). */
export type ReaderHook = 'useFlags' | 'useFlag';
