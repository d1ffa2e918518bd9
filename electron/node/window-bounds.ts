// The main window's remembered size and position (userData/window-state.json),
// checked against the screens present now: a window saved on a monitor that
// is gone, or larger than any screen, comes back fitted to a visible area.

import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname } from 'node:path';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface WindowState {
  /** Absent: let the OS place the window. */
  x?: number;
  y?: number;
  width: number;
  height: number;
  maximized: boolean;
}

export const DEFAULT_WINDOW_STATE: WindowState = { width: 1200, height: 800, maximized: false };
const MIN_WIDTH = 400;
const MIN_HEIGHT = 300;
/** How much of the title bar must be on a screen for the position to be kept. */
const VISIBLE_MARGIN = 48;

const isFiniteNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** Parses a saved state; anything malformed gives null (the defaults then apply). */
export function parseWindowState(value: unknown): WindowState | null {
  if (typeof value !== 'object' || value === null) return null;
  const v = value as Record<string, unknown>;
  if (!isFiniteNumber(v.width) || !isFiniteNumber(v.height)) return null;
  const state: WindowState = { width: Math.round(v.width), height: Math.round(v.height), maximized: v.maximized === true };
  if (isFiniteNumber(v.x) && isFiniteNumber(v.y)) {
    state.x = Math.round(v.x);
    state.y = Math.round(v.y);
  }
  return state;
}

/** Fits a saved state to today's work areas (the screens minus task bars). */
export function fitToWorkAreas(saved: WindowState | null, workAreas: readonly Rect[]): WindowState {
  const state = saved ?? DEFAULT_WINDOW_STATE;
  const largest = workAreas.reduce<Rect | null>((best, a) => (!best || a.width * a.height > best.width * best.height ? a : best), null);
  const maxWidth = largest?.width ?? state.width;
  const maxHeight = largest?.height ?? state.height;
  const width = clamp(state.width, MIN_WIDTH, Math.max(MIN_WIDTH, maxWidth));
  const height = clamp(state.height, MIN_HEIGHT, Math.max(MIN_HEIGHT, maxHeight));
  const fitted: WindowState = { width, height, maximized: state.maximized };
  if (state.x === undefined || state.y === undefined) return fitted;
  const area = workAreas.find((a) => titleBarVisible({ x: state.x!, y: state.y!, width, height }, a));
  if (!area) return fitted; // the screen it was on is gone: let the OS place it
  fitted.x = clamp(state.x, area.x, area.x + area.width - Math.min(width, area.width));
  fitted.y = clamp(state.y, area.y, area.y + area.height - Math.min(height, area.height));
  return fitted;
}

function titleBarVisible(win: Rect, area: Rect): boolean {
  const overlapX = Math.min(win.x + win.width, area.x + area.width) - Math.max(win.x, area.x);
  const topInside = win.y >= area.y && win.y <= area.y + area.height - VISIBLE_MARGIN / 2;
  return overlapX >= VISIBLE_MARGIN && topInside;
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(Math.max(value, min), max);
}

export async function loadWindowState(file: string): Promise<WindowState | null> {
  try {
    return parseWindowState(JSON.parse(await readFile(file, 'utf8')));
  } catch {
    return null;
  }
}

/** Synchronous: it runs while the window closes, and the app may quit right after. */
export function saveWindowState(file: string, state: WindowState): void {
  mkdirSync(dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, JSON.stringify(state, null, 2) + '\n', 'utf8');
  renameSync(temp, file);
}
