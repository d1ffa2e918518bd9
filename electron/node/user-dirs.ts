// Per-user folders outside the notebook: history snapshots (data) and the
// search index (cache), following each platform's convention.
import { homedir } from 'node:os';
import { join } from 'node:path';

const APP = 'research-notebook';

export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', APP);
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), APP);
  return join(env.XDG_DATA_HOME || join(homedir(), '.local', 'share'), APP);
}

export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (platform === 'darwin') return join(homedir(), 'Library', 'Caches', APP);
  if (platform === 'win32') return join(env.LOCALAPPDATA ?? join(homedir(), 'AppData', 'Local'), APP, 'Cache');
  return join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), APP);
}
