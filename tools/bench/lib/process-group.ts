/**
 * What a server costs the machine, read from Linux /proc: the CPU time and resident memory of
 * every process in its process group. Servers are spawned as group leaders (`detached: true`), so
 * a cluster primary, gunicorn's master and their workers are all counted.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

const ticksPerSecond = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout?.trim() || 100);

/** The fields of /proc/<pid>/stat after the parenthesised command name (which may hold spaces): state is [0], pgrp [2], utime [11], stime [12]. */
function statFields(pid: number): string[] | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined; // The process exited between listing and reading.
  }
}

/** The live processes of the group led by `pgid` (the leader included). */
export function groupPids(pgid: number): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const fields = statFields(Number(entry));
    if (fields && Number(fields[2]) === pgid && fields[0] !== 'Z') pids.push(Number(entry));
  }
  return pids;
}

/** User + system CPU seconds the processes have used so far. */
export function cpuSeconds(pids: readonly number[]): number {
  let ticks = 0;
  for (const pid of pids) {
    const fields = statFields(pid);
    if (fields) ticks += Number(fields[11]) + Number(fields[12]);
  }
  return ticks / ticksPerSecond;
}

/** Resident memory of the processes together, in bytes (VmRSS). */
export function rssBytes(pids: readonly number[]): number {
  let kilobytes = 0;
  for (const pid of pids) {
    try {
      const match = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      if (match) kilobytes += Number(match[1]);
    } catch {
      // Exited meanwhile: it holds no memory any more.
    }
  }
  return kilobytes * 1024;
}

/** Samples the processes' summed RSS every `everyMs` until stopped; `stop()` returns the highest sum seen. */
export function samplePeakRss(pids: readonly number[], everyMs = 100): { stop(): number } {
  let peak = rssBytes(pids);
  const timer = setInterval(() => {
    peak = Math.max(peak, rssBytes(pids));
  }, everyMs);
  return {
    stop() {
      clearInterval(timer);
      return Math.max(peak, rssBytes(pids));
    },
  };
}
