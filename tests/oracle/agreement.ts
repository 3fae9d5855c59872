/**
 * `npm run oracle:agreement [--json] [CASE…]`: how far the simulator agrees with the recorded real
 * builds: cases in full agreement, in agreement but for the known differences, and how many cases
 * show each kind of difference, by family of case (the name's first word).
 */
import { compareCase } from './case-comparison.ts';
import { acceptedKinds, knownDifferences } from './known-differences.ts';
import { readCase, recordedCases } from './simulate-case.ts';

const args = process.argv.slice(2);
const json = args.includes('--json');
const wanted = args.filter((a) => a !== '--json');
const names = wanted.length > 0 ? wanted : recordedCases();
const accepted = acceptedKinds(knownDifferences());
const byKind = new Map<string, number>();
const byFamily = new Map<string, { cases: number; agree: number }>();
const details: Record<string, unknown> = {};
let agree = 0;
let explained = 0;
for (const name of names) {
  const diffs = await compareCase(readCase(name));
  const family = name.split('-')[0] as string;
  const f = byFamily.get(family) ?? { cases: 0, agree: 0 };
  f.cases++;
  if (diffs.length === 0) {
    agree++;
    f.agree++;
  } else if (diffs.every((d) => accepted.get(name)?.has(d.kind))) explained++;
  byFamily.set(family, f);
  for (const kind of new Set(diffs.map((d) => d.kind))) byKind.set(kind, (byKind.get(kind) ?? 0) + 1);
  if (diffs.length > 0) details[name] = diffs;
  if (!json && diffs.length > 0) {
    console.log(`${name}: ${[...new Set(diffs.map((d) => d.kind))].join(', ')}`);
    for (const d of diffs)
      console.log(
        `  ${d.what}: real ${JSON.stringify(d.real)?.slice(0, 300)} / sim ${JSON.stringify(d.sim)?.slice(0, 300)}`,
      );
  }
}
const summary = {
  cases: names.length,
  agree,
  knownDifferencesOnly: explained,
  byKind: Object.fromEntries([...byKind].sort((a, b) => b[1] - a[1])),
  byFamily: Object.fromEntries(byFamily),
};
console.log(JSON.stringify(json ? { ...summary, details } : summary, null, 1));
