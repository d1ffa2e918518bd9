// What the centre pane can show, and how each place is written in the URL
// hash (so a reload, or a link in rendered Markdown, lands in the same place).

export type Route =
  | { kind: 'home' }
  | { kind: 'note'; id: string; heading?: string }
  | { kind: 'concept'; key: string }
  | { kind: 'graph' };

export function routeToHash(route: Route): string {
  switch (route.kind) {
    case 'home':
      return '#/';
    case 'note':
      return `#/note/${encodeURIComponent(route.id)}${route.heading ? `?h=${encodeURIComponent(route.heading)}` : ''}`;
    case 'concept':
      return `#/concept/${encodeURIComponent(route.key)}`;
    case 'graph':
      return '#/graph';
  }
}

/** Parses a hash written by routeToHash; anything else is home. */
export function hashToRoute(hash: string): Route {
  const m = /^#\/(note|concept|graph)(?:\/([^?]*))?(?:\?h=(.*))?$/.exec(hash);
  if (!m) return { kind: 'home' };
  try {
    const value = m[2] === undefined ? '' : decodeURIComponent(m[2]);
    if (m[1] === 'graph') return { kind: 'graph' };
    if (value === '') return { kind: 'home' };
    if (m[1] === 'concept') return { kind: 'concept', key: value };
    return m[3] ? { kind: 'note', id: value, heading: decodeURIComponent(m[3]) } : { kind: 'note', id: value };
  } catch {
    return { kind: 'home' };
  }
}

export function sameRoute(a: Route, b: Route): boolean {
  return routeToHash(a) === routeToHash(b);
}
