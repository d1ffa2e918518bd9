import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

// The CLI, web host and browser tests run the built bundles: build once, fresh.
export default function setup(): void {
  const root = fileURLToPath(new URL('..', import.meta.url));
  execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: root, stdio: 'inherit' });
}
