// Peak memory of this process. The OS's maxRSS is the true peak (it counts
// worker threads and native buffers); heapUsed is sampled on a timer and at
// checkpoints the phases call inside long synchronous loops, because a timer
// cannot fire while the main thread is busy.

import { round, toMB } from './stats';

export interface MemoryReport {
  /** Peak resident set size of the whole process (all threads), MB. */
  maxRssMB: number;
  /** Highest V8 heapUsed of the main thread seen by sampling, MB. */
  peakHeapMB: number;
  samples: number;
}

export class MemoryProbe {
  private peakHeap = 0;
  private samples = 0;
  private timer: NodeJS.Timeout | null = null;

  start(intervalMs = 25): this {
    this.sample();
    this.timer = setInterval(() => this.sample(), intervalMs);
    this.timer.unref();
    return this;
  }

  sample(): void {
    const heap = process.memoryUsage().heapUsed;
    if (heap > this.peakHeap) this.peakHeap = heap;
    this.samples++;
  }

  stop(): MemoryReport {
    this.sample();
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    // resourceUsage().maxRSS is in kilobytes.
    return { maxRssMB: round(process.resourceUsage().maxRSS / 1024), peakHeapMB: toMB(this.peakHeap), samples: this.samples };
  }
}

/** Collects garbage when the process runs with --expose-gc, so a phase starts from a clean heap. */
export function collectGarbage(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc) gc();
}
