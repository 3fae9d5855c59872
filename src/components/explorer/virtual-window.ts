/**
 * Which rows of a long list to render: those in the viewport plus a few on each side, with the
 * space above and below them kept by padding, so scrolling stays smooth however long the list.
 */

export interface WindowInput {
  readonly scrollTop: number;
  readonly viewportHeight: number;
  /** Every row has this height in CSS pixels. */
  readonly rowHeight: number;
  readonly rowCount: number;
  /** Rows rendered beyond each edge of the viewport, so a fast scroll shows no gap. */
  readonly overscan: number;
}

export interface RowWindow {
  /** The first row to render. */
  readonly start: number;
  /** One past the last row to render. */
  readonly end: number;
  /** Pixels above the first rendered row, and below the last. */
  readonly before: number;
  readonly after: number;
}

export function rowWindow(input: WindowInput): RowWindow {
  const { rowHeight, rowCount, overscan } = input;
  if (rowCount === 0 || rowHeight <= 0) return { start: 0, end: 0, before: 0, after: 0 };
  const total = rowCount * rowHeight;
  const top = Math.min(Math.max(0, input.scrollTop), Math.max(0, total - input.viewportHeight));
  const first = Math.floor(top / rowHeight);
  const last = Math.ceil((top + Math.max(0, input.viewportHeight)) / rowHeight);
  const start = Math.max(0, first - overscan);
  const end = Math.min(rowCount, Math.max(last, first + 1) + overscan);
  return { start, end, before: start * rowHeight, after: (rowCount - end) * rowHeight };
}

/** The scroll position that brings row `index` fully into view, moving as little as possible. */
export function scrollToRow(
  index: number,
  scrollTop: number,
  viewportHeight: number,
  rowHeight: number,
): number {
  const top = index * rowHeight;
  const bottom = top + rowHeight;
  if (top < scrollTop) return top;
  if (bottom > scrollTop + viewportHeight) return Math.max(0, bottom - viewportHeight);
  return scrollTop;
}

/** How many whole rows fit in the viewport: what Page Up and Page Down move by. */
export function rowsPerPage(viewportHeight: number, rowHeight: number): number {
  return Math.max(1, Math.floor(viewportHeight / rowHeight));
}
