// Reading a pasted or dropped file for saveAttachment.

/** The bytes of a file as base64, without the `data:` prefix. */
export function fileToBase64(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = String(reader.result);
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.onerror = () => reject(reader.error ?? new Error('The file could not be read.'));
    reader.readAsDataURL(file);
  });
}

const EXTENSION_OF: Record<string, string> = { 'image/png': 'png', 'image/jpeg': 'jpg', 'image/gif': 'gif', 'image/webp': 'webp', 'image/svg+xml': 'svg', 'image/avif': 'avif' };

/** A name for a file that came without a useful one (a screenshot pasted from the clipboard). */
export function attachmentName(file: File, now = new Date()): string {
  if (file.name && file.name !== 'image.png') return file.name;
  const pad = (n: number) => String(n).padStart(2, '0');
  const ext = EXTENSION_OF[file.type] ?? 'png';
  return `Pasted image ${now.getFullYear()}${pad(now.getMonth() + 1)}${pad(now.getDate())}${pad(now.getHours())}${pad(now.getMinutes())}${pad(now.getSeconds())}.${ext}`;
}
