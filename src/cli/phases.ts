// Phase timings for the benchmark (`npm run bench`): with NETPOL_PHASES set, a command reports how long each
// phase took, in wall time and in CPU time of the process (user + system: on a loaded machine the wall time
// mostly measures the others), as one JSON line on stderr at the end. Off by default; it changes no output.
export interface Phases {
  mark(phase: string): void;
  report(write: (text: string) => void): void;
}

export function phases(): Phases {
  const on = typeof process !== 'undefined' && process.env.NETPOL_PHASES !== undefined;
  const ms: Record<string, number> = {};
  const cpu: Record<string, number> = {};
  const cpuNow = () => {
    const { user, system } = process.cpuUsage();
    return (user + system) / 1000;
  };
  let last = performance.now();
  let lastCpu = on ? cpuNow() : 0;
  return {
    mark(phase) {
      const now = performance.now();
      ms[phase] = (ms[phase] ?? 0) + (now - last);
      last = now;
      if (!on) return;
      const nowCpu = cpuNow();
      cpu[phase] = Math.round((cpu[phase] ?? 0) + (nowCpu - lastCpu));
      lastCpu = nowCpu;
    },
    report(write) {
      if (on) write(`${JSON.stringify({ phasesMs: ms, cpuMs: cpu })}\n`);
    },
  };
}
