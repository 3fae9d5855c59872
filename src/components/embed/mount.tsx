/**
 * Starts the widget an embed page is for, once boot.ts asks: a course exercise (its data is in the
 * page), an author's exercise (in the URL's `#e=`, checked against the schema the page carries) or
 * a playground (the files in `#s=`). Whatever the URL holds is refused with a clear message, and an
 * `invalid-exercise` event, if it does not check out.
 */
import { type ComponentChild, render } from 'preact';
import type { ExerciseData } from '../exercise/exercise-state.ts';
import { decodeState, encodedStateIn } from '../playground/share-link.ts';
import type { PlaygroundState } from '../playground/state.ts';
import type { Bridge } from './bridge.ts';
import { decodeCustomExercise } from './custom-exercise.ts';
import { EmbedExercise } from './EmbedExercise.tsx';
import { EmbedPlayground } from './EmbedPlayground.tsx';
import type { EmbedOptions } from './options.ts';
import { CUSTOM_KEY } from './protocol.ts';
import { assertSupported } from './schema-check.ts';

export interface MountOptions {
  readonly root: HTMLElement;
  /** Where the widget goes; its static preview is replaced. */
  readonly app: HTMLElement;
  readonly options: EmbedOptions;
  readonly bridge: Bridge;
}

/** What a course exercise's embed page carries as JSON. */
export interface EmbeddedExercise {
  readonly exercise: ExerciseData;
  readonly reference: { readonly starter: number | null; readonly solution: number | null };
}

export async function mount({ root, app, options, bridge }: MountOptions): Promise<void> {
  const show = (content: ComponentChild) => {
    app.replaceChildren();
    render(content, app);
  };
  const refuse = (title: string, message: string) => {
    bridge.post({ type: 'error', code: 'invalid-exercise', message });
    show(
      <div class="mc-embed-refused" role="alert">
        <h1>{title}</h1>
        <p>{message}.</p>
      </div>,
    );
  };
  const fragment = new URLSearchParams(location.hash.replace(/^#/, ''));

  switch (root.dataset.embed) {
    case 'exercise': {
      const { exercise, reference } = pageData<EmbeddedExercise>('mc-embed-data');
      show(<EmbedExercise exercise={exercise} reference={reference} options={options} bridge={bridge} />);
      return;
    }
    case 'custom': {
      const schema = pageData<unknown>('mc-embed-schema');
      assertSupported(schema);
      const encoded = fragment.get(CUSTOM_KEY);
      if (encoded === null) {
        refuse(
          'No exercise to show',
          `This link holds no exercise: it needs #${CUSTOM_KEY}=… after the address`,
        );
        return;
      }
      const read = await decodeCustomExercise(encoded, schema);
      if (!read.ok) {
        refuse('This exercise cannot be shown', `The exercise in this link was refused: ${read.message}`);
        return;
      }
      const { exercise, summary } = read.custom;
      show(
        <EmbedExercise
          exercise={exercise}
          reference={{ starter: null, solution: null }}
          options={options}
          bridge={bridge}
          heading={{ title: exercise.title, summary }}
        />,
      );
      return;
    }
    case 'playground': {
      const encoded = encodedStateIn(location.hash);
      let initial: PlaygroundState | undefined;
      let notice: string | undefined;
      if (encoded !== undefined) {
        const decoded = await decodeState(encoded);
        if (decoded.ok) initial = decoded.state;
        else {
          notice = `The files in this link could not be opened (${decoded.message}); showing an example instead.`;
          bridge.post({
            type: 'error',
            code: 'invalid-exercise',
            message: `the link was refused: ${decoded.message}`,
          });
        }
      }
      if (!initial) {
        const { PLAYGROUND_EXAMPLES, stateOf } = await import('../playground/examples.ts');
        const example = PLAYGROUND_EXAMPLES.find((candidate) => candidate.id === 'go-scratch');
        if (!example) throw new Error('The go-scratch example is missing.');
        initial = stateOf(example);
      }
      show(
        <EmbedPlayground
          initial={initial}
          options={options}
          bridge={bridge}
          {...(notice === undefined ? {} : { notice })}
        />,
      );
      return;
    }
  }
}

/** JSON the page carries in a script element: written at build time, so trusted. */
function pageData<T>(id: string): T {
  const text = document.getElementById(id)?.textContent;
  if (!text) throw new Error(`The page has no #${id} data.`);
  return JSON.parse(text) as T;
}
