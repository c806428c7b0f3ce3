// Loaded with `node --import` by the benchmarks: reports the process's peak RSS and CPU time on stderr as
// it exits, however the program ends (the CLI calls process.exit).
import { writeSync } from 'node:fs';

process.on('exit', () => {
  const u = process.resourceUsage();
  writeSync(
    2,
    `\n[bench] maxRSS_kB=${u.maxRSS} cpu_ms=${Math.round((u.userCPUTime + u.systemCPUTime) / 1000)}\n`,
  );
});
