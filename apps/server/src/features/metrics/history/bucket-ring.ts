import type { Bucket } from './bucket.js';

/**
 * A fixed-size ring of one memory tier's closed buckets, indexed by time: bucket `t` lives in slot
 * `(t / step) mod capacity`, so a gap leaves stale slots that reads skip (their stored `t` differs),
 * and nothing grows. Values are kept as 32-bit floats (NaN for null): about 7 significant digits
 * are plenty for a chart and halve the memory of 500 containers' rings.
 */
export class BucketRing {
  private readonly starts: Float64Array;
  private readonly counts: Uint32Array;
  private readonly avgs: Float32Array;
  private readonly maxes: Float32Array;
  private newest = -Infinity;

  constructor(
    readonly step: number,
    readonly capacity: number,
    readonly width: number,
  ) {
    this.starts = new Float64Array(capacity).fill(Number.NaN);
    this.counts = new Uint32Array(capacity);
    this.avgs = new Float32Array(capacity * width);
    this.maxes = new Float32Array(capacity * width);
  }

  private slot(t: number): number {
    const i = Math.round(t / this.step) % this.capacity;
    return i < 0 ? i + this.capacity : i;
  }

  /** The oldest bucket start the ring still covers. */
  private oldest(): number {
    return this.newest - (this.capacity - 1) * this.step;
  }

  /** Stores a closed bucket; one older than the ring's span is ignored. */
  put(bucket: Bucket): void {
    if (bucket.t < this.oldest()) return;
    if (bucket.t > this.newest) this.newest = bucket.t;
    const s = this.slot(bucket.t);
    this.starts[s] = bucket.t;
    this.counts[s] = bucket.n;
    for (let i = 0; i < this.width; i++) {
      this.avgs[s * this.width + i] = bucket.avg[i] ?? Number.NaN;
      this.maxes[s * this.width + i] = bucket.max[i] ?? Number.NaN;
    }
  }

  /** The buckets starting in [from, to], oldest first. */
  read(from: number, to: number): Bucket[] {
    const out: Bucket[] = [];
    if (this.newest === -Infinity) return out;
    const first = Math.max(Math.ceil(from / this.step) * this.step, this.oldest());
    const last = Math.min(to, this.newest);
    for (let t = first; t <= last; t += this.step) {
      const s = this.slot(t);
      if (this.starts[s] !== t) continue;
      const avg: (number | null)[] = [];
      const max: (number | null)[] = [];
      for (let i = 0; i < this.width; i++) {
        avg.push(orNull(this.avgs[s * this.width + i]!));
        max.push(orNull(this.maxes[s * this.width + i]!));
      }
      out.push({ t, n: this.counts[s]!, avg, max });
    }
    return out;
  }
}

const orNull = (v: number): number | null => (Number.isNaN(v) ? null : v);
