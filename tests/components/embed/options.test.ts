/** An embed's options from its URL: defaults, every option, bad values, and agreement with the schema. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  buildViewsOf,
  DEFAULT_OPTIONS,
  type EmbedOptions,
  optionsQuery,
  originOf,
  readOptions,
} from '../../../src/components/embed/options.ts';
import { embedOptionsSchema } from '../../../src/content/schemas/embed.ts';

/** The schema's view of parsed options: absent optional fields rather than nulls. */
function asSchemaInput(options: EmbedOptions) {
  const { origins, id, ...rest } = options;
  return { ...rest, ...(origins ? { origins: [...origins] } : {}), ...(id ? { id } : {}) };
}

describe('embed options', () => {
  it('defaults to what the schema documents', () => {
    expect(readOptions('')).toEqual({ options: DEFAULT_OPTIONS, problems: [] });
    expect(asSchemaInput(DEFAULT_OPTIONS)).toEqual(embedOptionsSchema.parse({}));
  });

  it('reads every option', () => {
    const { options, problems } = readOptions(
      '?panels=steps,explorer,terminal&theme=dark&readonly&load=click&origins=https://blog.example,http://localhost:8080&id=intro',
    );
    expect(problems).toEqual([]);
    expect(options).toEqual({
      panels: ['editor', 'steps', 'explorer', 'terminal'],
      theme: 'dark',
      readonly: true,
      load: 'click',
      origins: ['https://blog.example', 'http://localhost:8080'],
      id: 'intro',
    });
    expect(buildViewsOf(options.panels)).toEqual(['steps', 'layers', 'terminal']);
  });

  it('keeps the editor first and drops repeats', () => {
    expect(readOptions('?panels=steps,editor,steps').options.panels).toEqual(['editor', 'steps']);
    expect(readOptions('?readonly=false').options.readonly).toBe(false);
  });

  it.each([
    ['?panels=steps,shell', 'unknown panel "shell"'],
    ['?theme=neon', 'unknown theme "neon"'],
    ['?readonly=maybe', 'readonly must be true or false, not "maybe"'],
    ['?load=lazy', 'unknown load mode "lazy"'],
    ['?origins=javascript:alert(1)', 'not an http(s) origin: "javascript:alert(1)"'],
    ['?origins=https://blog.example/path', 'not an http(s) origin'],
    ['?id=<script>', 'the widget id must be'],
  ])('falls back to the default and says why for %s', (query, problem) => {
    const { options, problems } = readOptions(query);
    expect(problems.join('; ')).toContain(problem);
    expect(embedOptionsSchema.safeParse(asSchemaInput(options)).success).toBe(true);
  });

  it('caps the allow-list', () => {
    const many = Array.from({ length: 20 }, (_, i) => `https://s${i}.example`).join(',');
    const { options, problems } = readOptions(`?origins=${many}`);
    expect(options.origins).toHaveLength(16);
    expect(problems).toContain('more than 16 origins');
  });

  it('writes only what differs from the defaults, and reads back what it wrote', () => {
    expect(optionsQuery(DEFAULT_OPTIONS)).toBe('');
    const options: EmbedOptions = {
      panels: ['editor', 'compare'],
      theme: 'light',
      readonly: true,
      load: 'click',
      origins: ['https://blog.example'],
      id: 'w1',
    };
    expect(readOptions(optionsQuery(options))).toEqual({ options, problems: [] });
  });

  it('accepts an origin only as an origin', () => {
    expect(originOf('https://Blog.Example/')).toBe('https://blog.example');
    expect(originOf('https://blog.example:8443')).toBe('https://blog.example:8443');
    expect(originOf('https://blog.example/post')).toBeUndefined();
    expect(originOf('file:///etc/passwd')).toBeUndefined();
    expect(originOf('null')).toBeUndefined();
  });

  it('always yields options the schema accepts, whatever the query', () => {
    fc.assert(
      fc.property(
        fc.dictionary(
          fc.constantFrom('panels', 'theme', 'readonly', 'load', 'origins', 'id', 'other'),
          fc.string({ maxLength: 80 }),
        ),
        (params) => {
          const { options } = readOptions(new URLSearchParams(params).toString());
          expect(embedOptionsSchema.safeParse(asSchemaInput(options)).success).toBe(true);
        },
      ),
      { numRuns: 500 },
    );
  });
});
