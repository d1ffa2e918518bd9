// Remembers the main window's size and position in
// userData/window-state.json, fitted to the screens present at start-up.

import { app, screen, type BrowserWindow } from 'electron';
import { join } from 'node:path';
import { fitToWorkAreas, loadWindowState, saveWindowState, type WindowState } from '../node/window-bounds';

const stateFile = () => join(app.getPath('userData'), 'window-state.json');

export async function initialWindowState(): Promise<WindowState> {
  const saved = await loadWindowState(stateFile());
  return fitToWorkAreas(saved, screen.getAllDisplays().map((d) => d.workArea));
}

/** Saves the bounds when the window closes (the normal bounds if it is maximized). */
export function rememberWindowState(win: BrowserWindow): void {
  win.on('close', () => {
    const bounds = win.getNormalBounds();
    try {
      saveWindowState(stateFile(), { ...bounds, maximized: win.isMaximized() });
    } catch (error) {
      console.error(`could not save the window state: ${String(error)}`);
    }
  });
}
