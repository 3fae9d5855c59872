/**
 * Two images side by side, as the course compares a fat build with its multi-stage version: size
 * bars and their ratio, layers, attack surface by category, users, and whether each starts.
 * Either side is one of the brief's examples or the playground's files as they are now; the
 * learner's own files are image A until they pick otherwise.
 */
import { useEffect, useId, useState } from 'preact/hooks';
import { formatSize } from '../../lib/format-size.ts';
import { CertaintyBadge, CertaintyNote } from '../certainty/CertaintyNote.tsx';
import { SizeModelNote } from '../certainty/SizeModelNote.tsx';
import type { EngineClient, Outcome } from '../engine/engine-client.ts';
import type { ComparedImage, CompareSide, SourceFiles } from '../engine/protocol.ts';
import { SURFACE_LABEL } from '../explorer/file-tree.ts';
import { isWantOfData } from '../playground/build-verdict.ts';
import type { PlaygroundExample } from '../playground/examples.ts';
import { commandLine } from '../run/RunCheck.tsx';
import { barWidths, builtSize, CATEGORIES, defaultPartner, ratioSentence, toolList } from './compare-view.ts';
import '../ui.css';
import './compare.css';

export interface CompareViewProps {
  readonly engine: EngineClient | null;
  readonly examples: readonly PlaygroundExample[];
  /** The playground's files now. */
  readonly current: () => SourceFiles;
  /** Whether the view is on screen: it compares only then. */
  readonly active: boolean;
}

const CURRENT = 'current';

export function CompareView({ engine, examples, current, active }: CompareViewProps) {
  const id = useId();
  const [choice, setChoice] = useState<readonly [string, string]>(() => [
    CURRENT,
    defaultPartner(current(), examples) ?? CURRENT,
  ]);
  const [outcome, setOutcome] = useState<Outcome<'compare'> | undefined>();
  const [asked, setAsked] = useState(0);
  const [busy, setBusy] = useState(false);

  const sideOf = (key: string): CompareSide => {
    const example = examples.find((candidate) => candidate.id === key);
    if (!example) return { label: 'Your playground', ...current() };
    return {
      label: example.title,
      dockerfile: example.files.find((file) => file.path === 'Dockerfile')?.content ?? '',
      files: example.files.map(({ path, content }) => ({ path, content })),
    };
  };

  useEffect(() => {
    if (!active || !engine) return;
    let cancelled = false;
    setBusy(true);
    engine.request('compare', { a: sideOf(choice[0]), b: sideOf(choice[1]) }).then((answer) => {
      if (cancelled || answer.status === 'stale') return;
      setBusy(false);
      setOutcome(answer);
    });
    return () => {
      cancelled = true;
    };
  }, [active, engine, choice[0], choice[1], asked]);

  const options = [
    { id: CURRENT, title: 'Your playground files, as they are now' },
    ...examples.map((example) => ({ id: example.id, title: example.title })),
  ];
  const picker = (side: 0 | 1) => (
    <label class="mc-compare-pick">
      <span>Image {side === 0 ? 'A' : 'B'}</span>
      <select
        value={choice[side]}
        onChange={(event) => {
          const value = event.currentTarget.value;
          setChoice((pair) => (side === 0 ? [value, pair[1]] : [pair[0], value]));
        }}
      >
        {options.map((option) => (
          <option key={option.id} value={option.id}>
            {option.title}
          </option>
        ))}
      </select>
    </label>
  );

  return (
    <div class="mc-compare" aria-busy={busy}>
      <div class="mc-compare-form mc-toolbar">
        {picker(0)}
        {picker(1)}
        <button type="button" onClick={() => setAsked((count) => count + 1)}>
          Compare again
        </button>
      </div>
      <div role="status" class="mc-compare-status">
        {busy ? 'Building both images…' : outcome?.status === 'failed' ? outcome.message : ''}
      </div>
      {outcome?.status === 'done' && (
        <Result id={id} a={outcome.output.a} b={outcome.output.b} output={outcome.output} />
      )}
    </div>
  );
}

interface ResultProps {
  readonly id: string;
  readonly a: ComparedImage;
  readonly b: ComparedImage;
  readonly output: Extract<Outcome<'compare'>, { status: 'done' }>['output'];
}

function Result({ id, a, b, output }: ResultProps) {
  const { comparison } = output;
  const sizes = [builtSize(a), builtSize(b)] as const;
  const widths = barWidths(sizes[0], sizes[1]);
  const images = [a, b] as const;
  return (
    <div class="mc-compare-result">
      <section aria-labelledby={`${id}-sizes`}>
        <h3 id={`${id}-sizes`} class="mc-compare-heading">
          Size
        </h3>
        <ul class="mc-bars">
          {images.map((image, index) => (
            <li key={image.label} class="mc-bar-row">
              <span class="mc-bar-label">
                <strong>{index === 0 ? 'A' : 'B'}</strong> {image.label} <code>{image.reference ?? '?'}</code>
              </span>
              {image.error ? (
                <span
                  class="mc-bar-error"
                  data-no-data={isWantOfData(image.error.certainty) ? 'true' : undefined}
                >
                  {isWantOfData(image.error.certainty) ? 'Not simulated' : 'Did not build'}:{' '}
                  {image.error.message}
                  {image.error.line ? ` (line ${image.error.line})` : ''}
                </span>
              ) : (
                <span class="mc-bar-track">
                  <span
                    class={`mc-bar mc-bar-${index === 0 ? 'a' : 'b'}`}
                    style={{ width: `${widths[index]}%` }}
                  />
                  <span class="mc-bar-size">
                    {formatSize(sizes[index] ?? 0)} <CertaintyBadge certainty={image.certainty} />
                  </span>
                </span>
              )}
            </li>
          ))}
        </ul>
        {comparison && <p class="mc-ratio">{ratioSentence(comparison, ['A', 'B'])}</p>}
        <SizeModelNote />
        {images.map((image, index) =>
          image.error && isWantOfData(image.error.certainty) ? null : (
            <CertaintyNote
              key={image.label}
              certainty={image.certainty}
              subject={index === 0 ? 'Image A' : 'Image B'}
            />
          ),
        )}
      </section>
      {comparison ? (
        <table class="mc-compare-table">
          <caption class="visually-hidden">A and B compared</caption>
          <thead>
            <tr>
              <th scope="col">What</th>
              <th scope="col">A</th>
              <th scope="col">B</th>
            </tr>
          </thead>
          <tbody>
            <tr>
              <th scope="row">Layers</th>
              <td>{comparison.a.layers}</td>
              <td>{comparison.b.layers}</td>
            </tr>
            <tr>
              <th scope="row">Runs as</th>
              <td>{comparison.a.user}</td>
              <td>{comparison.b.user}</td>
            </tr>
            <tr>
              <th scope="row">Starts</th>
              {images.map((image) => (
                <td key={image.label}>
                  {image.run?.starts ? (
                    <span class="mc-badge mc-status-done">yes</span>
                  ) : (
                    <span class="mc-badge mc-status-failed">no</span>
                  )}{' '}
                  <code>{commandLine(image.run?.argv ?? [])}</code>
                </td>
              ))}
            </tr>
            <tr>
              <th scope="row">Executables</th>
              <td>{comparison.a.executables}</td>
              <td>{comparison.b.executables}</td>
            </tr>
            {CATEGORIES.map((category) => (
              <tr key={category}>
                <th scope="row">{SURFACE_LABEL[category]}</th>
                {[comparison.a, comparison.b].map((summary, index) => (
                  <td key={index === 0 ? 'a' : 'b'}>
                    <strong>{summary.tools[category].length}</strong>{' '}
                    <span class="mc-compare-note">{toolList(summary, category)}</span>
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p class="mc-compare-note">The rest of the comparison needs both images built.</p>
      )}
      {comparison &&
        images.map((image, index) =>
          image.run?.error ? (
            <p key={image.label} class="mc-compare-why">
              <strong>{index === 0 ? 'A' : 'B'} does not start:</strong>{' '}
              <code>{image.run.error.message}</code>
            </p>
          ) : null,
        )}
      <div class="mc-compare-layers">
        {images.map((image, index) => (
          <details key={image.label}>
            <summary>
              Layers of {index === 0 ? 'A' : 'B'} ({image.layers.length})
            </summary>
            <ol>
              {image.layers.map((layer, position) => (
                <li key={`${position}:${layer.createdBy}`}>
                  <span class="mc-compare-layer-size">{formatSize(layer.size)}</span>{' '}
                  <code>{layer.createdBy}</code>
                </li>
              ))}
            </ol>
          </details>
        ))}
      </div>
    </div>
  );
}
