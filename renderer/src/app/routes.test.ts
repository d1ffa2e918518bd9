import { describe, expect, test } from 'vitest';
import { hashToRoute, routeToHash, type Route } from './routes';

describe('routes', () => {
  test.each<Route>([
    { kind: 'home' },
    { kind: 'graph' },
    { kind: 'note', id: '2025/02JAN25 - NixOS.md' },
    { kind: 'note', id: 'a/b?c#d%e.md', heading: 'Shape of a flake' },
    { kind: 'concept', key: 'home manager' },
    { kind: 'concept', key: 'ünïcode/key' },
  ])('%o survives the hash round trip', (route) => {
    expect(hashToRoute(routeToHash(route))).toEqual(route);
  });

  test.each(['', '#', '#/', '#/unknown/x', '#/note/', '#/note/%E0%A4%A', '#/concept/'])('%s is home', (hash) => {
    expect(hashToRoute(hash)).toEqual({ kind: 'home' });
  });
});
