// The reader-CPU benchmark's page (bench/reader-cpu.ts): one AppConfigProvider and `?readers=`
// components, each reading flag i through `?hook=useFlags` (the whole object, then its flag) or
// `?hook=useFlag` (its flag only). Every reader's render adds one to `window.__renders`. Built for
// production twice, against today's src/ and against an older commit's, with the same code.
import { createRoot } from 'react-dom/client';
import { AppConfigProvider, useFlag, useFlags } from '../../src/react/index.js';
import { READER_CPU_REF, flagKey, type ReaderHook } from './reader-cpu-data.js';

const params = new URLSearchParams(location.search);
const readers = Number(params.get('readers') ?? '1000');
const hook = (params.get('hook') ?? 'useFlags') as ReaderHook;
const counter = window as unknown as { __renders: number };
counter.__renders = 0;
/** Counted in render on purpose: a render is what the benchmark counts. */
const countRender = () => {
  counter.__renders += 1;
};

function FlagsReader({ index }: { index: number }) {
  const flags = useFlags();
  countRender();
  return <li>{flags[flagKey(index)]?.enabled ? 'on' : 'off'}</li>;
}

function FlagReader({ index }: { index: number }) {
  const on = useFlag(flagKey(index));
  countRender();
  return <li>{on ? 'on' : 'off'}</li>;
}

const Reader = hook === 'useFlag' ? FlagReader : FlagsReader;

createRoot(document.getElementById('root')!).render(
  <AppConfigProvider endpoint="/appconfig" {...READER_CPU_REF} persist={false}>
    <ul>
      {Array.from({ length: readers }, (_, index) => (
        <Reader key={index} index={index} />
      ))}
    </ul>
  </AppConfigProvider>,
);
