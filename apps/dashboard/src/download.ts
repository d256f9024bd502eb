/**
 * Saves a Blob under a file name through an object URL: the download needs the bearer token, so a plain link to the
 * API would not do. The URL is revoked once the browser has taken the file.
 */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** A file name of ids and dates only (never a title or anything typed), safe on every file system. */
export function reportFileName(parts: (string | undefined)[], extension: string): string {
  const safe = parts.filter((part): part is string => Boolean(part)).map((part) => part.replace(/[^A-Za-z0-9-]/g, ''));
  return `${safe.join('_')}.${extension}`;
}
