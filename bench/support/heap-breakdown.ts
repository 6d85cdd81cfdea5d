/**
 * What a heap is made of, from a V8 heap snapshot: the program's objects (objects, arrays,
 * closures, strings, numbers, buffers) apart from the engine's own (compiled code, hidden classes
 * and other internals). V8 keeps compiling hot functions for hours of a long run, so a heap can
 * grow with code while the objects a program keeps stay flat; only the objects tell a leak.
 */
import { readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { writeHeapSnapshot } from 'node:v8';

export interface HeapBreakdown {
  /** Self sizes of every object the program can reach, in bytes. */
  objects: number;
  /** Compiled code, hidden classes (`object shape`) and V8's internal (`hidden`) nodes, in bytes. */
  engine: number;
}

const ENGINE_TYPES = new Set(['code', 'hidden', 'object shape', 'synthetic']);

interface Snapshot {
  snapshot: { meta: { node_fields: string[]; node_types: [string[], ...unknown[]] } };
  nodes: number[];
}

/** Takes a heap snapshot (V8 collects garbage first) and sums it by kind. Takes a second or two. */
export function heapBreakdown(): HeapBreakdown {
  const file = path.join(
    tmpdir(),
    `appconfig-react-bench-${process.pid}-${Date.now()}.heapsnapshot`,
  );
  writeHeapSnapshot(file);
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as Snapshot;
    const fields = parsed.snapshot.meta.node_fields;
    const types = parsed.snapshot.meta.node_types[0];
    const typeAt = fields.indexOf('type');
    const sizeAt = fields.indexOf('self_size');
    const result: HeapBreakdown = { objects: 0, engine: 0 };
    for (let index = 0; index < parsed.nodes.length; index += fields.length) {
      const size = parsed.nodes[index + sizeAt]!;
      if (ENGINE_TYPES.has(types[parsed.nodes[index + typeAt]!]!)) result.engine += size;
      else result.objects += size;
    }
    return result;
  } finally {
    rmSync(file, { force: true });
  }
}
