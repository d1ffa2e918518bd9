// How long the main thread stays blocked while something runs in the
// background: Node's event-loop-delay histogram, plus a plain timer that
// also catches a block right after it starts or just before it stops (the
// histogram drops its first interval, and a block in the same turn as the
// awaited promise would end before the next tick).

import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { percentile, round } from './stats';

const INTERVAL_MS = 5;

export interface LoopLagReport {
  maxMs: number;
  p99Ms: number;
  meanMs: number;
  /** How many ticks were observed. */
  ticks: number;
}

export class LoopLag {
  private readonly histogram: IntervalHistogram = monitorEventLoopDelay({ resolution: INTERVAL_MS });
  private readonly lags: number[] = [];
  private last = 0;
  private timer: NodeJS.Timeout | null = null;

  start(): this {
    this.histogram.enable();
    this.last = performance.now();
    this.timer = setInterval(() => {
      const now = performance.now();
      this.lags.push(Math.max(0, now - this.last - INTERVAL_MS));
      this.last = now;
    }, INTERVAL_MS);
    return this;
  }

  async stop(): Promise<LoopLagReport> {
    // One more tick, so a block in the turn that resolved the awaited promise is counted.
    await sleep(INTERVAL_MS * 2);
    if (this.timer) clearInterval(this.timer);
    this.histogram.disable();
    const ns = 1e6;
    const histogramMax = this.histogram.count > 0 ? this.histogram.max / ns : 0;
    const histogramP99 = this.histogram.count > 0 ? this.histogram.percentile(99) / ns : 0;
    return {
      maxMs: round(Math.max(histogramMax, ...this.lags, 0)),
      p99Ms: round(Math.max(histogramP99, this.lags.length > 0 ? percentile(this.lags, 99) : 0)),
      meanMs: round(this.lags.length > 0 ? this.lags.reduce((a, b) => a + b, 0) / this.lags.length : 0),
      ticks: this.lags.length,
    };
  }
}
