/**
 * The learner's real image beside the simulator's build of the same Dockerfile: sizes, layer by
 * layer, files on one side only, whether each starts and which tools each carries, and what the
 * simulator says about the figures it modelled. The engine worker loads only when asked.
 */

import { useEffect, useId, useRef, useState } from 'preact/hooks';
import type { Analysis } from '../../lib/analysis/analyze.ts';
import { type RealVsSimulated, realVsSimulated } from '../../lib/analysis/real-vs-simulated.ts';
import type { StageResult } from '../../lib/build/result.ts';
import { gapsOf } from '../../lib/certainty.ts';
import { formatSize } from '../../lib/format-size.ts';
import { createEngineClient, type EngineClient, startEngineWorker } from '../engine/engine-client.ts';
import type { BuildOutput, SourceFiles } from '../engine/protocol.ts';
import { PLAYGROUND_EXAMPLES } from '../playground/examples.ts';

export interface RealBesideSimulatedProps {
  readonly stage: StageResult;
  readonly analysis: Analysis;
}

const PASTE = 'paste';

type State =
  | { readonly kind: 'idle' }
  | { readonly kind: 'building' }
  | { readonly kind: 'failed'; readonly message: string }
  | { readonly kind: 'done'; readonly comparison: RealVsSimulated; readonly build: BuildOutput };

/** Sentences in which the simulator says a figure is modelled, measured elsewhere or a stand-in. */
function estimateNotes(build: BuildOutput): string[] {
  const notes = build.result.stages.flatMap((stage) =>
    stage.base?.kind === 'image'
      ? gapsOf(stage.base.certainty).map((gap) => `${stage.reference}: ${gap.text}`)
      : [],
  );
  for (const step of build.result.steps)
    if (
      /measured|modelled|estimat|stand-in|not simulated/i.test(step.narrative) ||
      step.status === 'not-simulated'
    )
      notes.push(`line ${step.line}: ${step.narrative}`);
  return notes;
}

function delta(real: number | null, simulated: number | null): string {
  if (real === null || simulated === null) return real === null ? 'simulated only' : 'real only';
  if (real === simulated) return 'same';
  const difference = simulated - real;
  return `${difference > 0 ? '+' : '−'}${formatSize(Math.abs(difference))}`;
}

export function RealBesideSimulated({ stage, analysis }: RealBesideSimulatedProps) {
  const id = useId();
  const [choice, setChoice] = useState(PLAYGROUND_EXAMPLES[0]?.id ?? PASTE);
  const [pasted, setPasted] = useState('');
  const [state, setState] = useState<State>({ kind: 'idle' });
  const engine = useRef<EngineClient | undefined>(undefined);
  useEffect(() => () => engine.current?.dispose(), []);

  const sources = (): SourceFiles => {
    const example = PLAYGROUND_EXAMPLES.find((candidate) => candidate.id === choice);
    if (!example) return { dockerfile: pasted, files: [{ path: 'Dockerfile', content: pasted }] };
    return {
      dockerfile: example.files.find((file) => file.path === 'Dockerfile')?.content ?? '',
      files: example.files.map(({ path, content }) => ({ path, content })),
    };
  };

  const compare = async () => {
    engine.current ??= createEngineClient(startEngineWorker());
    setState({ kind: 'building' });
    const built = await engine.current.request('build', sources());
    if (built.status !== 'done') {
      if (built.status === 'failed') setState({ kind: 'failed', message: built.message });
      return;
    }
    const build = built.output;
    if (!build.result.ok) {
      setState({
        kind: 'failed',
        message: `the simulated build fails: ${build.result.error?.message ?? 'no image'}`,
      });
      return;
    }
    const image = await engine.current.request('image', { build: build.build });
    if (image.status !== 'done') {
      if (image.status === 'failed') setState({ kind: 'failed', message: image.message });
      return;
    }
    const comparison = realVsSimulated(
      { stage, analysis },
      { stage: image.output.stage, analysis: build.analysis },
    );
    setState({ kind: 'done', comparison, build });
  };

  return (
    <section class="mc-beside" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Beside the simulator</h2>
      <p class="mc-saved-note">
        Build the Dockerfile this image was built from in the simulator, and see where the two agree.
      </p>
      <div class="mc-beside-form">
        <label class="mc-explorer-field">
          Dockerfile
          <select value={choice} onChange={(event) => setChoice(event.currentTarget.value)}>
            {PLAYGROUND_EXAMPLES.map((example) => (
              <option key={example.id} value={example.id}>
                {example.title}
              </option>
            ))}
            <option value={PASTE}>Paste a Dockerfile (no build context)</option>
          </select>
        </label>
        {choice === PASTE && (
          <label class="mc-beside-paste">
            Your Dockerfile
            <textarea rows={8} value={pasted} onInput={(event) => setPasted(event.currentTarget.value)} />
          </label>
        )}
        <button
          type="button"
          class="button primary"
          disabled={state.kind === 'building'}
          onClick={() => void compare()}
        >
          {state.kind === 'building' ? 'Building…' : 'Compare'}
        </button>
      </div>
      {state.kind === 'failed' && (
        <p class="mc-inspect-error" role="alert">
          {state.message}
        </p>
      )}
      {state.kind === 'done' && (
        <ComparisonTable comparison={state.comparison} notes={estimateNotes(state.build)} />
      )}
    </section>
  );
}

function ComparisonTable({ comparison, notes }: { comparison: RealVsSimulated; notes: readonly string[] }) {
  const { size, layers, starts, tools, onlyReal, onlySimulated, sizeDiffers } = comparison;
  const verdict = (value: boolean | null) =>
    value === null ? 'unknown' : value ? 'starts' : 'does not start';
  return (
    <div class="mc-beside-result">
      <div class="mc-saved-table-wrap">
        <table class="mc-saved-history">
          <thead>
            <tr>
              <th scope="col">Layer</th>
              <th scope="col">Real</th>
              <th scope="col">Simulated</th>
              <th scope="col">Difference</th>
            </tr>
          </thead>
          <tbody>
            {layers.map((pair, index) => (
              <tr key={`${index}:${pair.createdBy}`}>
                <td>
                  <code>{pair.createdBy}</code>
                  {pair.line !== null && <span class="mc-saved-note"> (line {pair.line})</span>}
                </td>
                <td class="mc-saved-size">{pair.real === null ? '–' : formatSize(pair.real)}</td>
                <td class="mc-saved-size">{pair.simulated === null ? '–' : formatSize(pair.simulated)}</td>
                <td class="mc-saved-size">{delta(pair.real, pair.simulated)}</td>
              </tr>
            ))}
            <tr class="mc-beside-total">
              <th scope="row">Image</th>
              <td class="mc-saved-size">{formatSize(size.real)}</td>
              <td class="mc-saved-size">{formatSize(size.simulated)}</td>
              <td class="mc-saved-size">{delta(size.real, size.simulated)}</td>
            </tr>
          </tbody>
        </table>
      </div>
      <ul class="mc-beside-verdicts">
        <li data-agrees={starts.real === starts.simulated ? 'true' : 'false'}>
          Run check: real {verdict(starts.real)}, simulated {verdict(starts.simulated)}
        </li>
        <li>
          Tools only in the real image: {tools.onlyReal.length ? tools.onlyReal.join(', ') : 'none'}; only in
          the simulated one: {tools.onlySimulated.length ? tools.onlySimulated.join(', ') : 'none'}
        </li>
      </ul>
      <PathList title="Files only in the real image" difference={onlyReal} />
      <PathList title="Files only in the simulated image" difference={onlySimulated} />
      {sizeDiffers.length > 0 && (
        <details>
          <summary>Files on both sides with different sizes ({sizeDiffers.length})</summary>
          <ul>
            {sizeDiffers.map((item) => (
              <li key={item.path}>
                <code>{item.path}</code> real {formatSize(item.real)}, simulated {formatSize(item.simulated)}
              </li>
            ))}
          </ul>
        </details>
      )}
      {notes.length > 0 && (
        <>
          <h3>What the simulator says about its figures</h3>
          <ul class="mc-beside-notes">
            {notes.map((note) => (
              <li key={note}>{note}</li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

function PathList({ title, difference }: { title: string; difference: RealVsSimulated['onlyReal'] }) {
  if (difference.count === 0) return <p>{title}: none.</p>;
  return (
    <details>
      <summary>
        {title} ({difference.count})
      </summary>
      <ul>
        {difference.paths.map((item) => (
          <li key={item.path}>
            <code>{item.path}</code> {formatSize(item.size)}
          </li>
        ))}
      </ul>
    </details>
  );
}
