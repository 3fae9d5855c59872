/** Byte counts as Docker prints them: decimal units (1 MB = 1,000,000 bytes), one decimal place. */
export function formatSize(size: number): string {
  if (size < 1000) return `${size} B`;
  if (size < 1e6) return `${(size / 1e3).toFixed(1)} kB`;
  if (size < 1e9) return `${(size / 1e6).toFixed(1)} MB`;
  return `${(size / 1e9).toFixed(2)} GB`;
}
