/**
 * The facts a lesson can quote about a scenario, computed from its build: pure functions of the
 * build result and analysis, shared by the <Fact> component and the facts test.
 */

import { targetStage } from '../../lib/analysis/analyze.ts';
import { formatSize } from '../../lib/analysis/size-findings.ts';
import type { SurfaceCategory } from '../../lib/analysis/surface.ts';
import type { Evaluated } from './evaluate.ts';

export type FactName =
  | 'size'
  | 'bytes'
  | 'layers'
  | 'outcome'
  | 'runError'
  | 'argv'
  | 'user'
  | 'executables'
  | 'efficiency'
  | 'wasted'
  | 'base'
  | 'baseSize'
  | 'diagnostic'
  | `surface:${SurfaceCategory}`;

const bytes = (n: number) => n.toLocaleString('en-US');

/** The fact as text. Throws when the scenario cannot give it (a failed build has no size). */
export function fact(evaluated: Evaluated, name: FactName, arg?: string): string {
  const { result, analysis } = evaluated;
  const stage = targetStage(result);
  const need = <T>(value: T | null | undefined, what: string): T => {
    if (value === null || value === undefined) {
      throw new Error(`scenario ${evaluated.id} has no ${what}: ${result.error?.message ?? 'not built'}`);
    }
    return value;
  };
  switch (name) {
    case 'size':
      return formatSize(need(stage?.size, 'size'));
    case 'bytes':
      return bytes(need(stage?.size, 'size'));
    case 'layers':
      return String(need(stage, 'image').layers.length);
    case 'outcome':
      return need(analysis.run, 'run check').starts ? 'starts' : 'does not start';
    case 'runError':
      return need(analysis.run?.error?.message, 'run error');
    case 'argv':
      return need(analysis.run, 'run check').argv.join(' ');
    case 'user':
      return need(analysis.run, 'run check').user;
    case 'executables':
      return bytes(need(analysis.surface, 'surface').executables);
    case 'efficiency':
      return `${(need(analysis.efficiency, 'efficiency').score * 100).toFixed(1)} %`;
    case 'wasted':
      return formatSize(need(analysis.efficiency, 'efficiency').wastedBytes);
    case 'base': {
      const base = need(stage?.base, 'base image');
      if (base.kind === 'image') return base.resolved;
      return base.kind === 'scratch' ? 'scratch' : base.name;
    }
    case 'baseSize': {
      const layers = need(stage, 'image').layers.filter((layer) => layer.stage === null);
      return formatSize(layers.reduce((sum, layer) => sum + layer.size, 0));
    }
    case 'diagnostic': {
      const found = analysis.diagnostics.find((d) => d.code === arg);
      return need(found, `diagnostic ${arg}`).message;
    }
    default: {
      const category = name.slice('surface:'.length);
      const names = need(analysis.surface, 'surface')
        .items.filter((item) => item.category === category)
        .map((item) => item.name);
      return names.length ? names.join(', ') : 'none';
    }
  }
}

/** How many times larger the first image is than the second, e.g. "190×". */
export function ratio(larger: Evaluated, smaller: Evaluated): string {
  const a = targetStage(larger.result)?.size;
  const b = targetStage(smaller.result)?.size;
  if (!a || !b) throw new Error(`cannot compare ${larger.id} with ${smaller.id}: not both built`);
  const times = a / b;
  return `${times >= 10 ? Math.round(times) : times.toFixed(1)}×`;
}
