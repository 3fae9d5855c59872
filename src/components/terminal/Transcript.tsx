/** The terminal view of a build: what `docker build` and `docker run` would print, read-only. */
import type { BuildOutput } from '../engine/protocol.ts';
import { transcriptOf } from './transcript.ts';
import './terminal.css';

export interface TranscriptProps {
  readonly build: BuildOutput | undefined;
  readonly failure: string | undefined;
}

export function Transcript({ build, failure }: TranscriptProps) {
  if (!build) return <p class="mc-panel-waiting">{failure ?? 'Building the image…'}</p>;
  const lines = transcriptOf(build.result, build.analysis.run);
  return (
    <div class="mc-terminal">
      <p class="mc-terminal-help">
        What <code>docker build</code> and <code>docker run</code> would print for this Dockerfile, with each
        layer's size. A transcript of the newest build, not a shell.
      </p>
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: the screen scrolls, so the keyboard must reach it */}
      <section class="mc-terminal-screen" tabIndex={0} aria-label="Terminal transcript">
        <pre>
          {lines.map((line, i) => (
            <span key={i} class={`mc-terminal-${line.kind}`}>
              {line.kind === 'prompt' ? (
                <>
                  <span aria-hidden="true">$ </span>
                  {line.text}
                </>
              ) : (
                line.text
              )}
              {'\n'}
            </span>
          ))}
        </pre>
      </section>
    </div>
  );
}
