import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

// The CLI, web host and browser tests run the built bundles: build once, fresh.
// SKIP_BUILD=1 lets a developer run pure unit tests while dist/ is stale.
export default function setup(): void {
  if (process.env.SKIP_BUILD === '1') return;
  const root = fileURLToPath(new URL('..', import.meta.url));
  execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: root, stdio: 'inherit' });
}
