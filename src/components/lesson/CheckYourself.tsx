/**
 * The end-of-lesson check: one question with a few answers, each with the reason it is right or
 * wrong, and the lesson's challenge to try next.
 */
import { useEffect, useId, useRef, useState } from 'preact/hooks';
import './check-yourself.css';

export interface Choice {
  readonly text: string;
  readonly correct?: boolean;
  /** Why this answer is right or wrong. */
  readonly why: string;
}

interface Props {
  readonly question: string;
  readonly choices: readonly Choice[];
  /** A challenge that practises the lesson: its id and title. */
  readonly exercise?: { readonly id: string; readonly title: string };
}

export default function CheckYourself({ question, choices, exercise }: Props) {
  const [picked, setPicked] = useState<number | null>(null);
  const name = useId();
  const chosen = picked === null ? null : choices[picked];
  const answers = useRef<HTMLFieldSetElement>(null);

  // An answer picked before the script ran (the radio is in the server's HTML) counts: adopt it.
  useEffect(() => {
    const radios = [...(answers.current?.querySelectorAll('input') ?? [])];
    const early = radios.findIndex((radio) => radio.checked);
    if (early !== -1) setPicked(early);
  }, []);
  return (
    <section class="check-yourself" aria-labelledby={`${name}-title`}>
      <h2 id={`${name}-title`}>Check yourself</h2>
      <fieldset ref={answers}>
        <legend>{question}</legend>
        {choices.map((choice, i) => (
          <label key={choice.text} class={picked === i ? (choice.correct ? 'right' : 'wrong') : undefined}>
            <input type="radio" name={name} checked={picked === i} onChange={() => setPicked(i)} />
            <span>{choice.text}</span>
          </label>
        ))}
      </fieldset>
      <p class="verdict" aria-live="polite">
        {chosen ? (
          <>
            <strong>{chosen.correct ? 'Right. ' : 'Not quite. '}</strong>
            {chosen.why}
          </>
        ) : null}
      </p>
      {exercise ? (
        <p class="next-exercise">
          Now try it: <a href={`/challenges/${exercise.id}/`}>{exercise.title}</a>
        </p>
      ) : null}
    </section>
  );
}
