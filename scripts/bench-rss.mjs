// Preloaded into the action's process by the benchmark (node --import): records its peak RSS.
// VmHWM, not getrusage: ru_maxrss survives exec, so a child would inherit the bench's own peak.
import { readFileSync, writeFileSync } from 'node:fs'
process.on('exit', () => {
  const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))
  if (process.env.BENCH_RSS_FILE && hwm) writeFileSync(process.env.BENCH_RSS_FILE, String(Number(hwm[1]) * 1024))
})
