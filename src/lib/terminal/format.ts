/** Figures and tables as the docker CLI prints them: sizes, ages, aligned columns. */

/** Go's `%.3g`: three significant digits, trailing zeros dropped, an exponent from 1000 up. */
function goG3(value: number): string {
  if (value === 0) return '0';
  const rounded = Number(value.toPrecision(3));
  const exponent = Math.floor(Math.log10(Math.abs(rounded)));
  if (exponent >= 3 || exponent < -4) {
    const mantissa = Number((rounded / 10 ** exponent).toPrecision(3));
    const sign = exponent < 0 ? '-' : '+';
    return `${mantissa}e${sign}${String(Math.abs(exponent)).padStart(2, '0')}`;
  }
  return String(rounded);
}

/**
 * A size as `docker images` and `docker history` print it (go-units' HumanSizeWithPrecision with
 * 3 digits): decimal units, no space, `125MB`, `7.72MB`, `0B`.
 */
export function dockerSize(bytes: number): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB', 'PB'];
  let size = bytes;
  let unit = 0;
  while (size >= 1000 && unit < units.length - 1) {
    size /= 1000;
    unit++;
  }
  return `${goG3(size)}${units[unit]}`;
}

/** How long ago, in go-units' HumanDuration words, as `docker images` prints CREATED. */
export function ago(milliseconds: number): string {
  const seconds = Math.floor(milliseconds / 1000);
  const minutes = Math.floor(seconds / 60);
  const hours = Math.floor(milliseconds / 3_600_000 + 0.5);
  let text: string;
  if (seconds < 1) text = 'Less than a second';
  else if (seconds === 1) text = '1 second';
  else if (seconds < 60) text = `${seconds} seconds`;
  else if (minutes === 1) text = 'About a minute';
  else if (minutes < 60) text = `${minutes} minutes`;
  else if (hours === 1) text = 'About an hour';
  else if (hours < 48) text = `${hours} hours`;
  else if (hours < 24 * 7 * 2) text = `${Math.floor(hours / 24)} days`;
  else if (hours < 24 * 30 * 2) text = `${Math.floor(hours / 24 / 7)} weeks`;
  else if (hours < 24 * 365 * 2) text = `${Math.floor(hours / 24 / 30)} months`;
  else text = `${Math.floor(milliseconds / 3_600_000 / 24 / 365)} years`;
  return `${text} ago`;
}

/**
 * Rows as the docker CLI's tabwriter lays them out (minimum width 10, padding 3): every column
 * but the last as wide as its widest cell plus three spaces.
 */
export function table(rows: readonly (readonly string[])[]): string {
  const widths: number[] = [];
  for (const row of rows) {
    row.forEach((cell, column) => {
      if (column === row.length - 1) return;
      widths[column] = Math.max(widths[column] ?? 10, cell.length + 3);
    });
  }
  return rows
    .map((row) =>
      row
        .map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column] ?? 10)))
        .join(''),
    )
    .map((line) => `${line.trimEnd()}\n`)
    .join('');
}

/** Go's stringutils.Ellipsis: at most `max` characters, the last one `…` when cut. */
export function ellipsis(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

/** The short image ID: the first 12 hex digits. */
export function shortId(id: string): string {
  return id.replace(/^sha256:/, '').slice(0, 12);
}
