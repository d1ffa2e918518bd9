// The contract suite through the web host over real HTTP on 127.0.0.1.
import { createNotebookService } from '../../electron/node/service';
import { startWebHost } from '../../electron/node/web-host';
import { prepareContractNotebook, runContractSuite } from './contract-suite';
import { createHttpClient } from './http-client';
import { makeRendererDir } from './renderer-fixture';

runContractSuite('web host', async () => {
  const notebook = await prepareContractNotebook();
  const renderer = await makeRendererDir();
  const service = await createNotebookService(notebook.serviceOptions);
  const host = await startWebHost({ service, rendererDir: renderer.dir });
  const client = createHttpClient(`http://127.0.0.1:${host.port}`, host.token);
  return {
    client,
    root: notebook.root,
    async close() {
      client.closeStreams();
      await host.close();
      await service.close();
      await Promise.all([notebook.cleanup(), renderer.cleanup()]);
    },
  };
});
