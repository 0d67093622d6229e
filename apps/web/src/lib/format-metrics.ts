/*
 * Numbers of the metrics as people read them. CPU is in cores (1.0 = one full core), memory in
 * binary units as `docker stats` shows it (MiB), transfer rates in decimal units per second.
 */

/** "0.98", "12.5", "140": cores with the precision a glance needs (two decimals below 10). */
export function formatCores(cores: number): string {
  return threeDigits(cores);
}

/** "0.98 cores", "1.00 core": cores with the unit, for text outside a labelled column. */
export function formatCoresLong(cores: number): string {
  const n = formatCores(cores);
  return `${n} ${n === '1.00' ? 'core' : 'cores'}`;
}

const BINARY = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];

/** "512 B", "12.3 MiB", "1.50 GiB": memory in binary units, three significant digits. */
export function formatMemory(bytes: number): string {
  let n = bytes;
  let i = 0;
  while (n >= 1024 && i < BINARY.length - 1) {
    n /= 1024;
    i++;
  }
  return `${i === 0 ? Math.round(n) : threeDigits(n)} ${BINARY[i]}`;
}

const DECIMAL = ['B/s', 'kB/s', 'MB/s', 'GB/s'];

/** "0 B/s", "12.3 kB/s", "1.50 MB/s": a byte rate in decimal units. */
export function formatRate(bytesPerSecond: number): string {
  let n = bytesPerSecond;
  let i = 0;
  while (n >= 1000 && i < DECIMAL.length - 1) {
    n /= 1000;
    i++;
  }
  return `${i === 0 ? Math.round(n) : threeDigits(n)} ${DECIMAL[i]}`;
}

/** "0 %", "7.5 %", "63 %": a percentage, one decimal below 10. */
export function formatPercent(p: number): string {
  return `${p === 0 || p >= 10 ? Math.round(p) : p.toFixed(1)} %`;
}

/** Two decimals below 10, one below 100, none above; judged after rounding, so 9.999 is "10.0". */
function threeDigits(n: number): string {
  if (Math.round(n * 100) < 1000) return n.toFixed(2);
  if (Math.round(n * 10) < 1000) return n.toFixed(1);
  return Math.round(n).toString();
}
