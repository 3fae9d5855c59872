/**
 * The engine behind an editor, as a hook: it starts the workers, asks for a parse (the instant
 * verdict) and a build (the image) of every new text, keeps the newest answers, the problem list
 * and the step on show. The playground, the exercises and the lessons' lab all build through it.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Goal } from '../../lib/analysis/goal.ts';
import type { Diagnostic } from '../../lib/diagnostic.ts';
import {
  createEngineClient,
  type EngineClient,
  type Outcome,
  startEngineWorker,
  startParseWorker,
} from '../engine/engine-client.ts';
import type { BuildOutput, SourceFiles } from '../engine/protocol.ts';
import { problemsOf } from '../playground/problems.ts';
import { sameStep } from '../steps/step-navigation.ts';

export interface ShownStep {
  readonly index: number | null;
  /** Counts the learner's moves, so the editor scrolls to a step only when they move to it. */
  readonly reveal: number;
}

export interface BuildSession {
  readonly engine: EngineClient | null;
  readonly parse: Outcome<'parse'> | undefined;
  readonly build: { readonly output: BuildOutput; readonly roundTripMs: number } | undefined;
  /** Why the worker could not build at all (build errors are in `build`). */
  readonly failure: string | undefined;
  /** Why the worker was restarted before the build on show: a previous build ran too long. */
  readonly notice: string | undefined;
  readonly building: boolean;
  /** What the problem list and the squiggles show now; the same array while nothing changes. */
  readonly diagnostics: readonly Diagnostic[];
  readonly step: ShownStep;
  /** Parse and build these files (checking `goals` on the build); the newest request wins. */
  request(source: SourceFiles, goals?: readonly Goal[]): void;
  showStep(index: number | null): void;
}

export function useBuildSession(onBuilt?: (output: BuildOutput) => void): BuildSession {
  const [parse, setParse] = useState<Outcome<'parse'> | undefined>();
  const [build, setBuild] = useState<BuildSession['build']>();
  const [failure, setFailure] = useState<string | undefined>();
  const [notice, setNotice] = useState<string | undefined>();
  const [building, setBuilding] = useState(false);
  const [step, setStep] = useState<ShownStep>({ index: null, reveal: 0 });
  const engine = useRef<EngineClient | null>(null);
  const parser = useRef<EngineClient | null>(null);
  const shownBuild = useRef<BuildOutput | undefined>(undefined);
  const lastParsed = useRef<BuildOutput | undefined>(undefined);
  const problems = useRef<{ key: string; list: readonly Diagnostic[] }>({ key: '[]', list: [] });
  const built = useRef(onBuilt);
  built.current = onBuilt;
  const pending = useRef<{ source: SourceFiles; goals?: readonly Goal[] } | undefined>(undefined);

  const send = (source: SourceFiles, goals?: readonly Goal[]) => {
    const client = engine.current;
    if (!client) {
      // Asked before the workers started (a parent's first effect): sent once they have.
      pending.current = goals ? { source, goals } : { source };
      return;
    }
    (parser.current ?? client).request('parse', source).then((outcome) => {
      if (outcome.status !== 'stale') setParse(outcome);
    });
    setBuilding(true);
    client.request('build', goals ? { ...source, goals } : source).then((outcome) => {
      if (outcome.status === 'stale') return;
      setBuilding(false);
      if (outcome.status === 'failed') {
        setFailure(outcome.message);
        return;
      }
      setFailure(undefined);
      setNotice(outcome.notice);
      const previous = shownBuild.current;
      shownBuild.current = outcome.output;
      if (outcome.output.result.dockerfile) lastParsed.current = outcome.output;
      setBuild({ output: outcome.output, roundTripMs: outcome.roundTripMs });
      // The step on show stays on show across rebuilds, wherever its line has moved.
      setStep((shown) => ({
        ...shown,
        index: sameStep(
          shown.index === null ? undefined : previous?.result.steps[shown.index],
          shown.index ?? -1,
          outcome.output.result.steps,
        ),
      }));
      built.current?.(outcome.output);
    });
  };

  useEffect(() => {
    try {
      // Factories, so that a client can end a stuck worker and start another.
      engine.current = createEngineClient(startEngineWorker);
      parser.current = createEngineClient(startParseWorker);
    } catch (error) {
      setParse({
        status: 'failed',
        message: `The simulator could not start in this browser: ${String(error)}`,
      });
    }
    if (pending.current) {
      const { source, goals } = pending.current;
      pending.current = undefined;
      send(source, goals);
    }
    return () => {
      engine.current?.dispose();
      engine.current = null;
      parser.current?.dispose();
      parser.current = null;
    };
  }, []);

  const found = problemsOf({
    parse: parse?.status === 'done' ? parse.output : undefined,
    build: build?.output,
    buildCurrent: !building,
    lastParsed: lastParsed.current,
  });
  const key = JSON.stringify(found);
  if (key !== problems.current.key) problems.current = { key, list: found };

  return {
    engine: engine.current,
    parse,
    build,
    failure,
    notice,
    building,
    diagnostics: problems.current.list,
    step,
    request: send,
    showStep: (index) =>
      setStep((shown) => ({ index, reveal: index === null ? shown.reveal : shown.reveal + 1 })),
  };
}
