// Reads a whole file together with its stat, through one descriptor so the
// bytes and the version (mtime, size) belong together. Built on the callback
// API: in Node 20 it is several times faster than fs/promises' FileHandle,
// which matters when a scan reads 10,000 notes.

import { close, closeSync, fstat, fstatSync, open, openSync, read, readSync, type Stats } from 'node:fs';

export type ReadOutcome = { bytes: Buffer; stat: Stats } | { tooLarge: true; stat: Stats };

export function readFileWithStat(path: string, maxBytes = Infinity): Promise<ReadOutcome> {
  return new Promise((resolve, reject) => {
    open(path, 'r', (openError, fd) => {
      if (openError) return reject(openError);
      const finish = (error: Error | null, outcome?: ReadOutcome): void => {
        close(fd, () => (error ? reject(error) : resolve(outcome as ReadOutcome)));
      };
      fstat(fd, (statError, stat) => {
        if (statError) return finish(statError);
        if (!stat.isFile()) return finish(Object.assign(new Error(`${path} is not a file`), { code: 'EISDIR' }));
        if (stat.size > maxBytes) return finish(null, { tooLarge: true, stat });
        // One byte more than the size, so the whole file fits and the next read finds the end without growing.
        let buffer = Buffer.allocUnsafe(Math.max(stat.size + 1, 1024));
        let length = 0;
        const more = (): void => {
          if (length === buffer.length) {
            // The file grew since fstat: keep reading.
            const bigger = Buffer.allocUnsafe(buffer.length * 2);
            buffer.copy(bigger, 0, 0, length);
            buffer = bigger;
          }
          read(fd, buffer, length, buffer.length - length, length, (readError, bytesRead) => {
            if (readError) return finish(readError);
            if (bytesRead === 0) return finish(null, { bytes: buffer.subarray(0, length), stat });
            length += bytesRead;
            more();
          });
        };
        more();
      });
    });
  });
}

/** The same, synchronously: for worker threads, where it is about twice as fast as the callback chain. */
export function readFileWithStatSync(path: string, maxBytes = Infinity): ReadOutcome {
  const fd = openSync(path, 'r');
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) throw Object.assign(new Error(`${path} is not a file`), { code: 'EISDIR' });
    if (stat.size > maxBytes) return { tooLarge: true, stat };
    let buffer = Buffer.allocUnsafe(Math.max(stat.size + 1, 1024));
    let length = 0;
    for (;;) {
      if (length === buffer.length) {
        // The file grew since fstat: keep reading.
        const bigger = Buffer.allocUnsafe(buffer.length * 2);
        buffer.copy(bigger, 0, 0, length);
        buffer = bigger;
      }
      const bytesRead = readSync(fd, buffer, length, buffer.length - length, length);
      if (bytesRead === 0) return { bytes: buffer.subarray(0, length), stat };
      length += bytesRead;
    }
  } finally {
    closeSync(fd);
  }
}
