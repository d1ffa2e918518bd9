// `notebook serve`: the notebook service behind the loopback web host, until
// Ctrl+C (SIGINT) or SIGTERM; then the host and the service close cleanly
// (event streams ended, pending saves finished, watcher stopped).

import { isAbsolute, relative, resolve } from 'node:path';
import { ApiError } from '../../core/api';
import { createNotebookService } from '../service';
import { startWebHost } from '../web-host';

export interface ServeOptions {
  root: string;
  /** 0: a free port chosen by the system. */
  port: number;
  rendererDir: string;
  /** The one folder (and its subfolders) the browser may export into; default `<notebook>-export` beside it. */
  exportDir?: string;
  /** Prints one line on stdout (the URL line is the only one). */
  print: (line: string) => void;
}

export async function serveCommand(options: ServeOptions): Promise<void> {
  const exportDir = resolve(options.exportDir ?? `${resolve(options.root).replace(/[\\/]+$/, '')}-export`);
  const service = await createNotebookService({ root: options.root, exportDestination: exportOnlyInto(exportDir) });
  let host;
  try {
    host = await startWebHost({ service, rendererDir: options.rendererDir, port: options.port });
  } catch (error) {
    await service.close();
    throw error;
  }
  const { root } = await service.info({});
  options.print(`Research Notebook is serving ${root} at ${host.url}`);

  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  await host.close();
  await service.close();
}

/** Lets a page export only into `folder` or below it. */
export function exportOnlyInto(folder: string): (requested: string) => Promise<string> {
  return async (requested) => {
    const out = resolve(requested);
    const rel = relative(folder, out);
    if (rel.startsWith('..') || isAbsolute(rel)) {
      throw new ApiError('outside-root', `From the browser, exports go only into ${folder} (start notebook serve with --export-dir DIR to choose another folder).`);
    }
    return out;
  };
}
