// Worker thread entry, bundled to dist/search-worker.mjs: builds one search
// index segment per message and sends back its JSON text (what the main
// thread loads and the index cache stores), so a full build never blocks the
// main thread.

import { parentPort } from 'node:worker_threads';
import { serializeSegment } from '../core/search/segment';
import type { SegmentJob, SegmentJobResult } from './segment-builder';

parentPort?.on('message', (message: SegmentJob) => {
  let result: SegmentJobResult;
  try {
    result = { job: message.job, json: serializeSegment(message.docs) };
  } catch (error) {
    result = { job: message.job, error: error instanceof Error ? error.message : String(error) };
  }
  parentPort?.postMessage(result);
});
