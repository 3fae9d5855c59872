/**
 * The views of the build under the editor, as ARIA tabs: the steps, the layer explorer, the
 * comparison and the terminal (an embed may offer fewer). All but the steps are loaded the first
 * time their tab opens, so the page's first JavaScript stays small; a panel keeps its state while
 * another tab is shown. A command from outside (a lesson's "Run in the terminal") opens the
 * terminal and runs there.
 */
import type { ComponentProps, ComponentType, TargetedKeyboardEvent } from 'preact';
import { useEffect, useId, useRef, useState } from 'preact/hooks';
import type { CompareViewProps } from '../compare/CompareView.tsx';
import type { EngineClient } from '../engine/engine-client.ts';
import type { BuildOutput, SourceFiles } from '../engine/protocol.ts';
import type { LayerExplorerProps } from '../explorer/LayerExplorer.tsx';
import { BuildSteps } from '../steps/BuildSteps.tsx';
import type { TerminalCommand, TerminalViewProps } from '../terminal/TerminalView.tsx';
import type { PlaygroundExample } from './examples.ts';
import './panels.css';
import { tabKeyTarget } from '../tabs/tab-keys.ts';

export type PanelId = 'steps' | 'layers' | 'compare' | 'terminal';

const LABELS: Readonly<Record<PanelId, string>> = {
  steps: 'Steps',
  layers: 'Layers',
  compare: 'Compare',
  terminal: 'Terminal',
};

/** What the playground, the exercises and the lab show. */
export const DEFAULT_PANELS: readonly PanelId[] = ['steps', 'layers', 'compare', 'terminal'];

interface Props {
  readonly build: BuildOutput | undefined;
  /** Why there is no build to show, when the worker failed. */
  readonly failure: string | undefined;
  readonly engine: EngineClient | null;
  readonly examples: readonly PlaygroundExample[];
  /** The playground's files now, for comparing them with an example. */
  readonly current: () => SourceFiles;
  readonly step: number | null;
  readonly onStep: (index: number) => void;
  /** A command to run in the terminal: opens its tab. */
  readonly terminalCommand?: TerminalCommand;
  /** The views to offer, in order (an embed picks some); at least one. */
  readonly panels?: readonly PanelId[];
}

interface LazyViews {
  layers?: ComponentType<LayerExplorerProps>;
  compare?: ComponentType<CompareViewProps>;
  terminal?: ComponentType<TerminalViewProps>;
}

type LazyId = keyof LazyViews;

/** The views loaded when their tab first opens. */
const LAZY: { readonly [K in LazyId]: () => Promise<LazyViews[K]> } = {
  layers: () => import('../explorer/LayerExplorer.tsx').then((module) => module.LayerExplorer),
  compare: () => import('../compare/CompareView.tsx').then((module) => module.CompareView),
  terminal: () => import('../terminal/TerminalView.tsx').then((module) => module.TerminalView),
};

export function BuildPanels(props: Props) {
  const id = useId();
  const panels = (props.panels ?? DEFAULT_PANELS).map((panel) => ({ id: panel, label: LABELS[panel] }));
  const [open, setOpen] = useState<PanelId>(panels[0]?.id ?? 'steps');
  const [views, setViews] = useState<LazyViews>({});
  const [loadError, setLoadError] = useState<string | undefined>();
  /** A layer the steps asked the explorer to show; `seq` tells one request from the next. */
  const [shownLayer, setShownLayer] = useState<{ index: number; seq: number } | undefined>();
  const opened = useRef(new Set<PanelId>([open]));
  const tabs = useRef<(HTMLButtonElement | null)[]>([]);

  useEffect(() => {
    opened.current.add(open);
    const load = LAZY[open as LazyId];
    if (load && !views[open as LazyId]) {
      load().then(
        (component) => setViews((loaded) => ({ ...loaded, [open]: component })),
        (error: unknown) => setLoadError(`This view could not load: ${String(error)}`),
      );
    }
  }, [open]);

  useEffect(() => {
    if (props.terminalCommand && panels.some((panel) => panel.id === 'terminal')) setOpen('terminal');
  }, [props.terminalCommand?.seq]);

  const select = (index: number) => {
    const panel = panels[index];
    if (!panel) return;
    setOpen(panel.id);
    tabs.current[index]?.focus();
  };

  const onKeyDown = (event: TargetedKeyboardEvent<HTMLDivElement>) => {
    const target = tabKeyTarget(
      event.key,
      panels.findIndex((panel) => panel.id === open),
      panels.length,
    );
    if (target === undefined) return;
    event.preventDefault();
    select(target);
  };

  const { build } = props;
  /** What each view loaded on demand is given, by its tab. */
  const lazyProps: { [K in LazyId]: ComponentProps<NonNullable<LazyViews[K]>> } = {
    layers: {
      build,
      engine: props.engine,
      active: open === 'layers',
      ...(shownLayer ? { showLayer: shownLayer } : {}),
    },
    compare: {
      engine: props.engine,
      examples: props.examples,
      current: props.current,
      active: open === 'compare',
    },
    terminal: {
      engine: props.engine,
      current: props.current,
      active: open === 'terminal',
      ...(props.terminalCommand ? { command: props.terminalCommand } : {}),
    },
  };
  const lazyView = (panel: LazyId) => {
    const View = views[panel] as ComponentType<(typeof lazyProps)[LazyId]> | undefined;
    return View ? <View {...lazyProps[panel]} /> : <Waiting text={loadError ?? 'Loading…'} />;
  };

  return (
    <section class="mc-panels" aria-label="The build">
      <div role="tablist" aria-label="Views of the build" class="mc-panel-tabs" onKeyDown={onKeyDown}>
        {panels.map((panel, index) => (
          <button
            key={panel.id}
            ref={(element) => {
              tabs.current[index] = element;
            }}
            type="button"
            role="tab"
            id={`${id}-tab-${panel.id}`}
            class="mc-panel-tab"
            aria-selected={open === panel.id}
            aria-controls={`${id}-panel-${panel.id}`}
            tabIndex={open === panel.id ? 0 : -1}
            onClick={() => select(index)}
          >
            {panel.label}
          </button>
        ))}
      </div>
      {panels.map((panel) => (
        <div
          key={panel.id}
          role="tabpanel"
          id={`${id}-panel-${panel.id}`}
          aria-labelledby={`${id}-tab-${panel.id}`}
          class="mc-panel"
          hidden={open !== panel.id}
        >
          {panel.id === 'steps' &&
            (build ? (
              <BuildSteps
                result={build.result}
                current={props.step}
                onSelect={props.onStep}
                onExploreLayer={(index) => {
                  setShownLayer((shown) => ({ index, seq: (shown?.seq ?? 0) + 1 }));
                  select(panels.findIndex((panel) => panel.id === 'layers'));
                }}
              />
            ) : (
              <Waiting text={props.failure ?? 'Building the image…'} />
            ))}
          {panel.id !== 'steps' && opened.current.has(panel.id) && lazyView(panel.id)}
        </div>
      ))}
    </section>
  );
}

function Waiting({ text }: { text: string }) {
  return <p class="mc-panel-waiting">{text}</p>;
}
