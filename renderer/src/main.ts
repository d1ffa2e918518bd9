// The renderer's entry: one client (Electron bridge or HTTP), one app.

import { createClient } from './api/client';
import { App } from './app/app';

const root = document.getElementById('app');
if (!root) throw new Error('index.html has no #app element.');
const app = new App(createClient());
void app.start(root);
// Inside Electron the application menu sends its commands here.
window.notebookApi?.onCommand?.((command) => app.command(command));
