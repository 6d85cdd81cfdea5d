/**
 * The machine a benchmark ran on, recorded next to its numbers: a result without its machine
 * cannot be compared with the next run.
 */
import { readFileSync } from 'node:fs';
import { availableParallelism, cpus, platform, release, totalmem } from 'node:os';

export interface MachineInfo {
  /** CPU model as the OS reports it (`model name` in /proc/cpuinfo on Linux). */
  cpuModel: string;
  /** Cores available to this process (what `nproc` prints). */
  cores: number;
  /** Total memory in GiB, one decimal. */
  memoryGiB: number;
  os: string;
  node: string;
}

function cpuModel(): string {
  try {
    const line = readFileSync('/proc/cpuinfo', 'utf8')
      .split('\n')
      .find((row) => row.startsWith('model name'));
    if (line) return line.split(':').slice(1).join(':').trim();
  } catch {
    // Not Linux: fall back to what Node reports.
  }
  return cpus()[0]?.model.trim() ?? 'unknown';
}

export function machineInfo(): MachineInfo {
  return {
    cpuModel: cpuModel(),
    cores: availableParallelism(),
    memoryGiB: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
    os: `${platform()} ${release()}`,
    node: process.version,
  };
}
