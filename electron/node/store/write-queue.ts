// One write queue per file: operations on the same file run one after the
// other, in call order; operations on different files run side by side. An
// operation on several files (a move) waits for all of them, and registers
// on all of them at once, so two moves in opposite directions cannot deadlock.

export class WriteQueue {
  private readonly tails = new Map<string, Promise<void>>();

  async run<T>(keys: readonly string[], operation: () => Promise<T>): Promise<T> {
    const unique = [...new Set(keys)];
    const before = unique.map((key) => this.tails.get(key));
    let release = (): void => undefined;
    const done = new Promise<void>((resolve) => {
      release = resolve;
    });
    for (const key of unique) this.tails.set(key, done);
    await Promise.all(before);
    try {
      return await operation();
    } finally {
      release();
      for (const key of unique) if (this.tails.get(key) === done) this.tails.delete(key);
    }
  }

  /** Resolves once every operation queued so far has finished. */
  async idle(): Promise<void> {
    while (this.tails.size > 0) await Promise.all(this.tails.values());
  }
}
