// Phase timings for the benchmark (`npm run bench`): with NETPOL_PHASES set, a command reports how long each
// phase took, as one JSON line on stderr at the end. Off by default; it changes no output.
export interface Phases {
  mark(phase: string): void;
  report(write: (text: string) => void): void;
}

export function phases(): Phases {
  const on = typeof process !== 'undefined' && process.env.NETPOL_PHASES !== undefined;
  const ms: Record<string, number> = {};
  let last = performance.now();
  return {
    mark(phase) {
      const now = performance.now();
      ms[phase] = (ms[phase] ?? 0) + (now - last);
      last = now;
    },
    report(write) {
      if (on) write(`${JSON.stringify({ phasesMs: ms })}\n`);
    },
  };
}
