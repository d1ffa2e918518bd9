// The contract suite against the notebook service itself.
import { createNotebookService } from '../../electron/node/service';
import { prepareContractNotebook, runContractSuite } from './contract-suite';

runContractSuite('service', async () => {
  const notebook = await prepareContractNotebook();
  const service = await createNotebookService(notebook.serviceOptions);
  return {
    client: service,
    root: notebook.root,
    async close() {
      await service.close();
      await notebook.cleanup();
    },
  };
});
