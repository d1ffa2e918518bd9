// The one rule for paths inside a bundle, shared by the planner (copied files
// and pages) and the writer (every path it is handed).

/** A bundle path: relative, `/`-separated, no empty, `.` or `..` segment, no backslash or NUL. */
export function isSafeBundlePath(path: string): boolean {
  if (path === '' || path.startsWith('/') || /[\\\0]/.test(path) || /^[A-Za-z]:/.test(path)) return false;
  return path.split('/').every((segment) => segment !== '' && segment !== '.' && segment !== '..');
}
