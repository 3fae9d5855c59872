/**
 * dive in the browser: the target image's layers, the file tree at the selected layer (the whole
 * image or only that layer) with the layer's changes marked, dive's efficiency figures and the
 * attack surface highlighted in the tree. Loaded on demand; the trees come from the worker's
 * `image` job for the newest build, only while this view is open.
 */
import type { TargetedKeyboardEvent } from 'preact';
import { useEffect, useId, useMemo, useRef, useState } from 'preact/hooks';
import type { Analysis } from '../../lib/analysis/analyze.ts';
import type { EfficiencyReport } from '../../lib/analysis/efficiency.ts';
import type { SurfaceCategory, SurfaceItem } from '../../lib/analysis/surface.ts';
import type { BuiltLayer, StageResult } from '../../lib/build/result.ts';
import { formatSize } from '../../lib/format-size.ts';
import { diffTrees } from '../../lib/fs/diff.ts';
import { type DirNode, emptyTree } from '../../lib/fs/tree.ts';
import { CertaintyBadge, CertaintyNote } from '../certainty/CertaintyNote.tsx';
import { SizeModelNote } from '../certainty/SizeModelNote.tsx';
import type { EngineClient } from '../engine/engine-client.ts';
import type { BuildOutput, ImageOutput } from '../engine/protocol.ts';
import { FileTree } from './FileTree.tsx';
import {
  aggregatedTree,
  ancestorsOf,
  CHANGE_SYMBOL,
  type FilterResult,
  filterTree,
  flattenTree,
  layerOnlyTree,
  type SortOrder,
  SURFACE_LABEL,
  surfaceByPath,
  type ViewMode,
} from './file-tree.ts';
import '../ui.css';
import './explorer.css';

export interface LayerExplorerProps {
  /** The newest build; the explorer shows its target image. */
  readonly build: BuildOutput | undefined;
  readonly engine: EngineClient | null;
  /** Whether the view is on screen: the image is fetched only then. */
  readonly active: boolean;
  /** A layer to show on its own (from a build step); a new `seq` shows it again. */
  readonly showLayer?: { readonly index: number; readonly seq: number };
}

const IMAGE_DELAY_MS = 300;

export function LayerExplorer({ build, engine, active, showLayer }: LayerExplorerProps) {
  const [image, setImage] = useState<ImageOutput | undefined>();
  const [imageError, setImageError] = useState<string | undefined>();

  const target = build ? build.result.stages[build.result.target ?? -1] : undefined;
  const hasImage = target !== undefined && !target.skipped;

  useEffect(() => {
    if (!active || !engine || !build || !hasImage || image?.build === build.build) return;
    let cancelled = false;
    const fetchImage = () =>
      engine.request('image', { build: build.build }).then((outcome) => {
        if (cancelled || outcome.status === 'stale') return;
        if (outcome.status === 'failed') {
          setImageError(outcome.message);
          return;
        }
        setImageError(undefined);
        setImage(outcome.output);
      });
    // While the learner types, wait for a pause: each image is tens of thousands of nodes to clone.
    const timer = setTimeout(fetchImage, image ? IMAGE_DELAY_MS : 0);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [active, engine, build?.build, hasImage]);

  if (!build) return <p class="mc-panel-waiting">Building the image…</p>;
  if (!hasImage)
    return (
      <p class="mc-explorer-empty">
        No image to explore: {build.result.error?.message ?? 'the build made none'}. Fix the build and the
        layers appear here.
      </p>
    );
  if (!image) return <p class="mc-panel-waiting">{imageError ?? 'Loading the image’s files…'}</p>;

  return (
    <ImageExplorer
      stage={image.stage}
      trees={image.trees}
      analysis={build.analysis}
      dataBuild={image.build}
      stale={image.build !== build.build}
      {...(showLayer ? { showLayer } : {})}
    />
  );
}

export interface ImageExplorerProps {
  /** The image: a build's target stage, or a saved image read as one. */
  readonly stage: StageResult;
  /** Its files after each layer. */
  readonly trees: readonly DirNode[];
  readonly analysis: Pick<Analysis, 'surface' | 'efficiency'>;
  /** The build the image comes from, when it comes from one. */
  readonly dataBuild?: number;
  /** A newer build is on its way. */
  readonly stale?: boolean;
  readonly showLayer?: { readonly index: number; readonly seq: number };
  /** A saved image: its layers have no Dockerfile line, and none of them is "the base". */
  readonly saved?: boolean;
}

/** The explorer itself, driven by plain data: the simulator's builds and real saved images alike. */
export function ImageExplorer({
  stage,
  trees,
  analysis,
  dataBuild,
  stale,
  showLayer,
  saved,
}: ImageExplorerProps) {
  const id = useId();
  /** The selected layer; null follows the last one. */
  const [layer, setLayer] = useState<number | null>(null);
  const [mode, setMode] = useState<ViewMode>('aggregated');
  const [order, setOrder] = useState<SortOrder>('name');
  const [query, setQuery] = useState('');
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  /** While a filter is on, the directories open for it (they start as the ones leading to matches). */
  const [filterOpen, setFilterOpen] = useState<
    { for: FilterResult; open: ReadonlySet<string> } | undefined
  >();
  const [activePath, setActivePath] = useState<string | null>(null);
  const [reveal, setReveal] = useState(0);
  const treeId = `${id}-tree`;
  useEffect(() => {
    if (!showLayer) return;
    setLayer(showLayer.index);
    setMode('layer');
    setQuery('');
    setActivePath(null);
  }, [showLayer?.seq]);

  const layers = stage.layers;
  const layerIndex = Math.min(layer ?? layers.length - 1, layers.length - 1);
  const after = trees[layerIndex];

  const changes = useMemo(
    () => (after ? diffTrees(trees[layerIndex - 1] ?? emptyTree(), after) : []),
    [trees, layerIndex],
  );
  const tree = useMemo(
    () =>
      after ? (mode === 'aggregated' ? aggregatedTree(after, changes) : layerOnlyTree(changes)) : undefined,
    [changes, mode],
  );
  const filter = useMemo(() => (tree && query.trim() ? filterTree(tree, query) : undefined), [tree, query]);
  const open = filter ? (filterOpen?.for === filter ? filterOpen.open : filter.ancestors) : expanded;
  const rows = useMemo(
    () =>
      tree
        ? flattenTree(tree, { expanded: open, order, ...(filter ? { visible: filter.visible } : {}) })
        : [],
    [tree, open, order, filter],
  );
  const found = activePath === null ? -1 : rows.findIndex((row) => row.entry.path === activePath);
  const activeRow = Math.max(0, found);
  const surface = analysis.surface;
  const badges = useMemo(() => surfaceByPath(surface?.items ?? []), [surface]);

  const setOpen = (change: (open: Set<string>) => void) => {
    const next = new Set(open);
    change(next);
    if (filter) setFilterOpen({ for: filter, open: next });
    else setExpanded(next);
  };

  const showInTree = (path: string) => {
    setMode('aggregated');
    setLayer(null);
    setQuery('');
    setExpanded((current) => new Set([...current, ...ancestorsOf(path)]));
    setActivePath(path);
    setReveal((count) => count + 1);
  };

  useEffect(() => {
    if (reveal > 0) document.getElementById(treeId)?.focus({ preventScroll: true });
  }, [reveal]);

  const selected = layers[layerIndex];
  return (
    <div class="mc-explorer" data-build={dataBuild}>
      <p class="mc-explorer-summary">
        <strong>{stage.reference}</strong> · {layers.length} layers · {formatSize(stage.size ?? 0)}
        {!stage.built && ' · the build stopped before this image was finished'}
        {stale && <span class="mc-explorer-stale"> · updating…</span>}
      </p>
      <CertaintyNote certainty={stage.certainty} subject="This image's size and files" />
      <SizeModelNote />
      <div class="mc-explorer-grid">
        <div class="mc-explorer-layers">
          <LayerList
            idPrefix={id}
            layers={layers}
            saved={saved === true}
            selected={layerIndex}
            onSelect={(index) => {
              setLayer(index === layers.length - 1 ? null : index);
              setActivePath(null);
            }}
          />
        </div>
        <div class="mc-explorer-main">
          <h3 class="mc-explorer-heading">
            Files {mode === 'aggregated' ? 'of the image at' : 'in'} layer {layerIndex + 1}
            {selected && !saved && (
              <span class="mc-explorer-layer-command">
                {selected.line === null ? ' (base image)' : ` (line ${selected.line})`}
              </span>
            )}
          </h3>
          <div class="mc-explorer-toolbar">
            <fieldset class="mc-explorer-mode">
              <legend>Show</legend>
              <label>
                <input
                  type="radio"
                  name={`${id}-mode`}
                  checked={mode === 'aggregated'}
                  onChange={() => setMode('aggregated')}
                />
                Whole image at this layer
              </label>
              <label>
                <input
                  type="radio"
                  name={`${id}-mode`}
                  checked={mode === 'layer'}
                  onChange={() => setMode('layer')}
                />
                This layer only
              </label>
            </fieldset>
            <label class="mc-explorer-field">
              Sort by
              <select value={order} onChange={(event) => setOrder(event.currentTarget.value as SortOrder)}>
                <option value="name">name</option>
                <option value="size">size</option>
              </select>
            </label>
            <label class="mc-explorer-field mc-explorer-filter">
              Filter by path
              <input
                type="search"
                value={query}
                placeholder="e.g. /bin/sh"
                aria-describedby={`${id}-matches`}
                onInput={(event) => {
                  setQuery(event.currentTarget.value);
                  setActivePath(null);
                }}
              />
            </label>
            <p id={`${id}-matches`} class="mc-explorer-matches" aria-live="polite">
              {filter ? `${filter.matches} ${filter.matches === 1 ? 'path matches' : 'paths match'}` : ''}
            </p>
          </div>
          <p class="mc-explorer-legend">
            {(['added', 'modified', 'removed'] as const).map((change) => (
              <span key={change} class={`mc-legend-item mc-change-${change}`}>
                <span class="mc-change-mark" aria-hidden="true">
                  {CHANGE_SYMBOL[change]}
                </span>
                {change} in this layer
              </span>
            ))}
            <span class="mc-legend-keys">
              Keys: <kbd>↑</kbd> <kbd>↓</kbd> move, <kbd>→</kbd> <kbd>←</kbd> open and close, <kbd>Enter</kbd>{' '}
              toggles
            </span>
          </p>
          <div class="mc-tree-head" aria-hidden="true">
            <span>Name</span>
            <span class="mc-tree-mode">Permissions</span>
            <span class="mc-tree-owner">UID:GID</span>
            <span class="mc-tree-size">Size</span>
          </div>
          {rows.length === 0 ? (
            <p class="mc-explorer-empty">
              {filter ? `No path contains “${filter.query}”.` : 'This layer changes no files.'}
            </p>
          ) : (
            <FileTree
              id={treeId}
              rows={rows}
              label={`Files ${mode === 'aggregated' ? 'of the image at' : 'in'} layer ${layerIndex + 1}`}
              active={activeRow}
              surface={badges}
              reveal={reveal}
              onActive={(index) => setActivePath(rows[index]?.entry.path ?? null)}
              onOpen={(paths) =>
                setOpen((next) => {
                  for (const path of paths) next.add(path);
                })
              }
              onClose={(path) => setOpen((next) => next.delete(path))}
            />
          )}
        </div>
        <div class="mc-explorer-figures">
          <Efficiency report={analysis.efficiency} />
          <Surface items={surface?.items ?? []} onShow={showInTree} />
        </div>
      </div>
    </div>
  );
}

interface LayerListProps {
  readonly idPrefix: string;
  readonly layers: readonly Pick<BuiltLayer, 'createdBy' | 'line' | 'size' | 'certainty'>[];
  readonly selected: number;
  readonly saved: boolean;
  readonly onSelect: (index: number) => void;
}

/** The layers as a listbox: arrows move the selection, which the tree follows. */
function LayerList({ idPrefix, layers, selected, saved, onSelect }: LayerListProps) {
  const options = useRef<(HTMLDivElement | null)[]>([]);
  const moved = useRef(false);
  useEffect(() => {
    if (!moved.current) return;
    moved.current = false;
    options.current[selected]?.focus();
  }, [selected]);
  const onKeyDown = (event: TargetedKeyboardEvent<HTMLDivElement>) => {
    const last = layers.length - 1;
    const next: Record<string, number> = {
      ArrowDown: Math.min(last, selected + 1),
      ArrowUp: Math.max(0, selected - 1),
      Home: 0,
      End: last,
    };
    const target = next[event.key];
    if (target === undefined) return;
    event.preventDefault();
    moved.current = true;
    onSelect(target);
  };
  return (
    <section class="mc-layers" aria-labelledby={`${idPrefix}-layers`}>
      <h3 id={`${idPrefix}-layers`} class="mc-explorer-heading">
        Layers
      </h3>
      <div role="listbox" aria-labelledby={`${idPrefix}-layers`} class="mc-layer-list" onKeyDown={onKeyDown}>
        {layers.map((entry, index) => (
          // biome-ignore lint/a11y/useKeyWithClickEvents: the listbox handles the keys for its options
          <div
            key={`${index}:${entry.createdBy}`}
            ref={(element) => {
              options.current[index] = element;
            }}
            role="option"
            aria-selected={index === selected}
            tabIndex={index === selected ? 0 : -1}
            class="mc-layer"
            onClick={() => onSelect(index)}
          >
            <span class="mc-layer-index">{index + 1}</span>
            <span class="mc-layer-size">{formatSize(entry.size)}</span>
            <span class="mc-layer-command">{entry.createdBy}</span>
            <span class="mc-layer-line">
              {saved ? '' : entry.line === null ? 'base image' : `line ${entry.line}`}
              <CertaintyBadge certainty={entry.certainty} withModels />
            </span>
          </div>
        ))}
      </div>
    </section>
  );
}

function Efficiency({ report }: { report: EfficiencyReport | null }) {
  return (
    <section class="mc-efficiency" aria-label="Image efficiency">
      <h3 class="mc-explorer-heading">Efficiency</h3>
      {report === null ? (
        <p class="mc-explorer-empty">The figures need a finished build.</p>
      ) : (
        <>
          <dl class="mc-figures">
            <div>
              <dt>Efficiency score</dt>
              <dd>{(report.score * 100).toFixed(1)} %</dd>
            </div>
            <div>
              <dt>Potential wasted space</dt>
              <dd>{formatSize(report.wastedBytes)}</dd>
            </div>
            <div>
              <dt>User wasted</dt>
              <dd>{(report.wastedUserPercent * 100).toFixed(1)} %</dd>
            </div>
            <div>
              <dt>Reclaimable</dt>
              <dd>{formatSize(report.reclaimableBytes)}</dd>
            </div>
          </dl>
          <p class="mc-figures-note">
            The first three as dive computes them; reclaimable is what files deleted or overwritten in a later
            layer still take up.
          </p>
          {report.inefficiencies.length > 0 && (
            <details class="mc-wasted">
              <summary>Paths in more than one layer ({report.inefficiencies.length})</summary>
              <ul>
                {report.inefficiencies.slice(0, 10).map((item) => (
                  <li key={item.path}>
                    <code>{item.path}</code> {formatSize(item.cumulativeSize)} in layers{' '}
                    {item.layers.map((index) => index + 1).join(', ')}
                  </li>
                ))}
              </ul>
            </details>
          )}
        </>
      )}
    </section>
  );
}

const CATEGORY_ORDER: readonly SurfaceCategory[] = [
  'shell',
  'network-tool',
  'package-manager',
  'compiler',
  'setuid',
  'world-writable',
  'root-user',
];

function Surface({ items, onShow }: { items: readonly SurfaceItem[]; onShow: (path: string) => void }) {
  return (
    <section class="mc-surface" aria-label="Attack surface">
      <h3 class="mc-explorer-heading">Attack surface</h3>
      {items.length === 0 ? (
        <p class="mc-explorer-empty">Nothing found: no shell, network tool, package manager or compiler.</p>
      ) : (
        <ul class="mc-surface-list">
          {CATEGORY_ORDER.map((category) => {
            const found = items.filter((item) => item.category === category);
            if (found.length === 0) return null;
            return (
              <li key={category}>
                <span class="mc-badge mc-surface-badge">{SURFACE_LABEL[category]}</span>{' '}
                {category === 'root-user' ? (
                  <span>no USER, or USER root</span>
                ) : (
                  found.map((item, index) => (
                    <span key={item.name}>
                      {index > 0 && ', '}
                      <button
                        type="button"
                        class="mc-link-button"
                        onClick={() => onShow(item.paths[0] ?? '/')}
                        aria-label={`Show ${item.paths[0]} in the tree`}
                      >
                        {item.name}
                      </button>
                    </span>
                  ))
                )}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
