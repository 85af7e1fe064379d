// Preloaded into a measured process (node --import ./bench/usage.ts): on exit it writes its own CPU
// seconds (all threads) and peak resident memory to the file named by BENCH_USAGE_FILE.
import { writeFileSync } from 'node:fs';

const file = process.env.BENCH_USAGE_FILE;
if (file) {
  process.on('exit', () => {
    const usage = process.resourceUsage();
    const cpuSeconds = (usage.userCPUTime + usage.systemCPUTime) / 1e6;
    writeFileSync(file, JSON.stringify({ cpuSeconds, peakRssMb: usage.maxRSS / 1024 }));
  });
}

export interface ProcessUsage {
  cpuSeconds: number;
  peakRssMb: number;
}
