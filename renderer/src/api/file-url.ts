// Attachment URLs: the web host and Electron's app:// protocol serve the same layout.

/** `/files/` + each segment percent-encoded: the URL layout both hosts serve. */
export function fileUrl(path: string): string {
  return '/files/' + path.split('/').filter((s) => s !== '').map(encodeURIComponent).join('/');
}
