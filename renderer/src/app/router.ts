// Back and forward through visited places. The browser's own history holds the
// entries (so its buttons and Alt+Left agree with ours); each entry carries
// its position so the toolbar knows whether back or forward can go anywhere.

import { hashToRoute, routeToHash, sameRoute, type Route } from './routes';

interface EntryState {
  notebookIndex: number;
}

export type RouteListener = (route: Route) => void | Promise<void>;

export class Router {
  private index = 0;
  private length = 1;
  private current: Route;
  private readonly listeners = new Set<RouteListener>();
  private readonly changeListeners = new Set<() => void>();

  constructor() {
    this.current = hashToRoute(location.hash);
    const state = history.state as EntryState | null;
    if (state && typeof state.notebookIndex === 'number') {
      this.index = state.notebookIndex;
      this.length = this.index + 1;
    } else {
      history.replaceState({ notebookIndex: 0 } satisfies EntryState, '', routeToHash(this.current));
    }
    window.addEventListener('popstate', (event) => {
      const s = event.state as EntryState | null;
      this.index = s && typeof s.notebookIndex === 'number' ? s.notebookIndex : 0;
      this.current = hashToRoute(location.hash);
      this.emit();
    });
    // A hash typed into the address bar, or a plain link in a note.
    window.addEventListener('hashchange', () => {
      const route = hashToRoute(location.hash);
      if (sameRoute(route, this.current)) return;
      this.index += 1;
      this.length = this.index + 1;
      history.replaceState({ notebookIndex: this.index } satisfies EntryState, '', routeToHash(route));
      this.current = route;
      this.emit();
    });
  }

  get route(): Route {
    return this.current;
  }

  get canGoBack(): boolean {
    return this.index > 0;
  }

  get canGoForward(): boolean {
    return this.index < this.length - 1;
  }

  /** Subscribes to every place change (navigate, back, forward). */
  onRoute(listener: RouteListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  onHistoryChange(listener: () => void): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  navigate(route: Route, options: { replace?: boolean } = {}): void {
    if (sameRoute(route, this.current) && !options.replace) {
      this.emit();
      return;
    }
    if (options.replace) {
      history.replaceState({ notebookIndex: this.index } satisfies EntryState, '', routeToHash(route));
    } else {
      this.index += 1;
      this.length = this.index + 1;
      history.pushState({ notebookIndex: this.index } satisfies EntryState, '', routeToHash(route));
    }
    this.current = route;
    this.emit();
  }

  /** Rewrites the current entry without showing anything new (a renamed note). */
  replaceQuietly(route: Route): void {
    history.replaceState({ notebookIndex: this.index } satisfies EntryState, '', routeToHash(route));
    this.current = route;
    this.notifyHistory();
  }

  back(): void {
    if (this.canGoBack) history.back();
  }

  forward(): void {
    if (this.canGoForward) history.forward();
  }

  /** Re-shows the current place (after start-up). */
  refresh(): void {
    this.emit();
  }

  private emit(): void {
    this.notifyHistory();
    for (const listener of [...this.listeners]) void listener(this.current);
  }

  private notifyHistory(): void {
    for (const listener of [...this.changeListeners]) listener();
  }
}
