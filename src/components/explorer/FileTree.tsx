/**
 * A virtualised ARIA tree: only the rows in view (and a few around them) are in the DOM, each a
 * `treeitem` with its level, position and expanded state. The tree keeps the focus and points at
 * the active row with aria-activedescendant, so rows can come and go as the list scrolls.
 */
import type { TargetedKeyboardEvent } from 'preact';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { SurfaceCategory } from '../../lib/analysis/surface.ts';
import { formatSize } from '../../lib/format-size.ts';
import { CHANGE_SYMBOL, type ExplorerEntry, modeString, SURFACE_LABEL, type TreeRow } from './file-tree.ts';
import { treeKey } from './tree-keys.ts';
import { rowsPerPage, rowWindow, scrollToRow } from './virtual-window.ts';

/** Every row's height in CSS pixels; the window maths depends on it. */
export const ROW_HEIGHT = 30;
const OVERSCAN = 12;

interface Props {
  readonly id: string;
  readonly rows: readonly TreeRow[];
  readonly label: string;
  readonly active: number;
  readonly surface: ReadonlyMap<string, readonly SurfaceCategory[]>;
  readonly onActive: (index: number) => void;
  readonly onOpen: (paths: readonly string[]) => void;
  readonly onClose: (path: string) => void;
  /** Changes when the active row must be scrolled into view although it did not change (a reveal). */
  readonly reveal: number;
}

export function rowId(treeId: string, index: number): string {
  return `${treeId}-row-${index}`;
}

export function FileTree(props: Props) {
  const { rows, active } = props;
  const element = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewport, setViewport] = useState(480);
  const frame = useRef(0);

  useEffect(() => {
    const tree = element.current;
    if (!tree) return;
    setViewport(tree.clientHeight);
    const observer = new ResizeObserver(() => setViewport(tree.clientHeight));
    observer.observe(tree);
    return () => {
      observer.disconnect();
      cancelAnimationFrame(frame.current);
    };
  }, []);

  // Keeps the active row in view when the keyboard moves it or a reveal asks for it.
  useLayoutEffect(() => {
    const tree = element.current;
    if (!tree || rows.length === 0) return;
    const target = scrollToRow(active, tree.scrollTop, tree.clientHeight, ROW_HEIGHT);
    if (target !== tree.scrollTop) {
      tree.scrollTop = target;
      setScrollTop(target);
    }
  }, [active, props.reveal]);

  const onScroll = () => {
    cancelAnimationFrame(frame.current);
    frame.current = requestAnimationFrame(() => setScrollTop(element.current?.scrollTop ?? 0));
  };

  const onKeyDown = (event: TargetedKeyboardEvent<HTMLDivElement>) => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const result = treeKey(event.key, rows, active, rowsPerPage(viewport, ROW_HEIGHT));
    if (!result) return;
    event.preventDefault();
    if (result.open && result.open.length > 0) props.onOpen(result.open);
    if (result.close) props.onClose(result.close);
    props.onActive(result.active);
  };

  const slice = rowWindow({
    scrollTop,
    viewportHeight: viewport,
    rowHeight: ROW_HEIGHT,
    rowCount: rows.length,
    overscan: OVERSCAN,
  });
  const shown = rows.slice(slice.start, slice.end);

  return (
    <div
      ref={element}
      role="tree"
      id={props.id}
      aria-label={props.label}
      aria-activedescendant={rows.length > 0 ? rowId(props.id, active) : undefined}
      tabIndex={0}
      class="mc-tree"
      onKeyDown={onKeyDown}
      onScroll={onScroll}
    >
      <div role="none" class="mc-tree-sizer" style={{ height: `${rows.length * ROW_HEIGHT}px` }}>
        {/* The rendered rows flow inside one block moved to their place: one transform per frame. */}
        <div role="none" class="mc-tree-window" style={{ transform: `translateY(${slice.before}px)` }}>
          {shown.map((row, offset) => {
            const index = slice.start + offset;
            return (
              <Row
                // Keyed by slot, not path: scrolling reuses the rows already in the DOM and changes their text.
                key={offset}
                row={row}
                id={rowId(props.id, index)}
                active={index === active}
                surface={props.surface.get(row.entry.path)}
                onClick={() => {
                  props.onActive(index);
                  if (row.entry.kind === 'dir') {
                    if (row.expanded) props.onClose(row.entry.path);
                    else props.onOpen([row.entry.path]);
                  }
                  element.current?.focus({ preventScroll: true });
                }}
              />
            );
          })}
        </div>
      </div>
    </div>
  );
}

const CHANGE_WORD = { added: 'added', modified: 'modified', removed: 'removed' } as const;

interface RowProps {
  readonly row: TreeRow;
  readonly id: string;
  readonly active: boolean;
  readonly surface: readonly SurfaceCategory[] | undefined;
  readonly onClick: () => void;
}

function Row({ row, id, active, surface, onClick }: RowProps) {
  const { entry } = row;
  const isDir = entry.kind === 'dir';
  return (
    // biome-ignore lint/a11y/useKeyWithClickEvents lint/a11y/useFocusableInteractive: the tree holds the focus and handles the keys for its rows (aria-activedescendant)
    <div
      role="treeitem"
      id={id}
      class="mc-tree-row"
      data-change={entry.change ?? undefined}
      data-active={active ? 'true' : undefined}
      aria-level={row.level}
      aria-posinset={row.position}
      aria-setsize={row.siblings}
      aria-expanded={isDir ? row.expanded : undefined}
      aria-selected={active}
      onClick={onClick}
    >
      {/* Screen readers hear one sentence; the columns are for the eye. */}
      <span class="visually-hidden">{describe(entry, surface)}</span>
      <span
        class="mc-tree-name-cell"
        aria-hidden="true"
        style={{ paddingLeft: `${(row.level - 1) * 1.1}rem` }}
      >
        <span class="mc-tree-twisty">{isDir ? (row.expanded ? '▾' : '▸') : ''}</span>
        <span class={`mc-change-mark${entry.change ? ` mc-change-${entry.change}` : ''}`}>
          {entry.change ? CHANGE_SYMBOL[entry.change] : ''}
        </span>
        <span class="mc-tree-name">
          {entry.name}
          {isDir && '/'}
        </span>
        {entry.target !== undefined && (
          <span class="mc-tree-target">
            {entry.kind === 'hardlink' ? ' link to ' : ' → '}
            {entry.target}
          </span>
        )}
        {surface?.map((category) => (
          <span key={category} class="mc-badge mc-surface-badge">
            {SURFACE_LABEL[category]}
          </span>
        ))}
      </span>
      <span class="mc-tree-mode" aria-hidden="true">
        {modeString(entry.kind, entry.mode)}
      </span>
      <span class="mc-tree-owner" aria-hidden="true">
        {entry.uid}:{entry.gid}
      </span>
      <span class="mc-tree-size" aria-hidden="true">
        {formatSize(entry.size)}
      </span>
    </div>
  );
}

/** What a screen reader says for a row: name, kind, link target, size, change and surface. */
export function describe(entry: ExplorerEntry, surface: readonly SurfaceCategory[] | undefined): string {
  const parts = [entry.name];
  if (entry.kind === 'dir') parts.push('directory');
  if (entry.kind === 'symlink') parts.push(`link to ${entry.target}`);
  if (entry.kind === 'hardlink') parts.push(`hard link to ${entry.target}`);
  parts.push(formatSize(entry.size));
  if (entry.change) parts.push(CHANGE_WORD[entry.change]);
  if (surface && surface.length > 0)
    parts.push(`attack surface: ${surface.map((c) => SURFACE_LABEL[c]).join(', ')}`);
  return parts.join(', ');
}
