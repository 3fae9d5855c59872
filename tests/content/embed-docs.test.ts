/**
 * docs/embed.md (also the text of the /embed/ page) against the code: every option with its
 * default, every field of a custom exercise, every goal kind, event, command and error code.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EMBED_PANELS, LOAD_MODES } from '../../src/components/embed/options.ts';
import { COMMAND_TYPES, ERROR_CODES, EVENT_TYPES, THEMES } from '../../src/components/embed/protocol.ts';
import { embedOptionsSchema } from '../../src/content/schemas/embed.ts';
import { customExerciseSchema } from '../../src/content/schemas/exercise.ts';

const docs = readFileSync(resolve(import.meta.dirname, '../../docs/embed.md'), 'utf8');
const section = (title: string) => {
  const start = docs.indexOf(`\n## ${title}\n`);
  if (start < 0) throw new Error(`docs/embed.md has no section "${title}"`);
  const end = docs.indexOf('\n## ', start + 1);
  return docs.slice(start, end < 0 ? undefined : end);
};
/** The table rows of a section, by their first cell's code. */
const rows = (text: string) =>
  new Map([...text.matchAll(/^\| `([^`]+)`[^|]*\|(.*)$/gm)].map((match) => [match[1] ?? '', match[2] ?? '']));

describe('docs/embed.md', () => {
  it('lists every option with its values and default', () => {
    const documented = rows(section('Options'));
    const defaults = embedOptionsSchema.parse({});
    const values: Record<string, readonly string[]> = {
      panels: EMBED_PANELS,
      theme: THEMES,
      load: LOAD_MODES,
    };
    for (const name of Object.keys(embedOptionsSchema.shape)) {
      const row = documented.get(name);
      expect(row, `option ${name}`).toBeDefined();
      const value = defaults[name as keyof typeof defaults];
      const shown =
        value === undefined ? 'none' : `\`${Array.isArray(value) ? value.join(',') : String(value)}\``;
      expect(row, `default of ${name}`).toContain(shown);
      for (const option of values[name] ?? []) expect(row, `${name}: ${option}`).toContain(`\`${option}\``);
    }
  });

  it('describes every field of a custom exercise and every goal kind', () => {
    const text = section('Your own exercise');
    const fields = rows(text);
    for (const name of Object.keys(customExerciseSchema.shape)) expect(fields.has(name), name).toBe(true);
    const goals = customExerciseSchema.shape.goals.element.options.map((option) => option.shape.kind.value);
    for (const kind of goals) expect(text, kind).toContain(`\`${kind}\``);
  });

  it('documents every event, command and error code of the protocol', () => {
    const text = section('Events and commands');
    const documented = rows(text);
    for (const type of [...EVENT_TYPES, ...COMMAND_TYPES]) expect(documented.has(type), type).toBe(true);
    for (const code of ERROR_CODES) expect(text, code).toContain(`\`${code}\``);
    expect(text).toContain('`protocol: "minimal-containers"`');
    expect(text).toContain('`version: 1`');
  });
});
