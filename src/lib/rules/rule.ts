/**
 * The best-practice rule contract: one rule per file, each carrying its code, severity, title,
 * explanation, Bad/Good examples and the hadolint / BuildKit names users know it by. The reference
 * page (`/rules/`) and the example tests are generated from these fields.
 */
import type { BuildResult } from '../build/result.ts';
import type { Diagnostic, Fix, Severity } from '../diagnostic.ts';
import type { Dockerfile } from '../dockerfile/index.ts';
import type { ImageConfig as CatalogImageConfig } from '../images/format.ts';
import type { RecordedPlatforms } from '../images/tag-facts.ts';
import type { SourceRange } from '../source-range.ts';

/** What a rule reads: the parsed Dockerfile, the text it came from, and the build when there is one. */
export interface RuleInput {
  readonly dockerfile: Dockerfile;
  /** The Dockerfile text: ranges inside words (across continuation lines) and quick fixes use it. */
  readonly text: string;
  /** The simulated build of this Dockerfile, for rules about the image it produces. */
  readonly build?: BuildResult;
  /** The build context's `.dockerignore` text, for the rules about what COPY cannot see. */
  readonly dockerignore?: string;
  /**
   * A base image's configuration as the catalog records it (env, user …); undefined for an image
   * the catalog does not hold, about which a rule then says nothing it cannot know.
   */
  readonly imageConfig?: (reference: string) => CatalogImageConfig | undefined;
  /**
   * The platforms a base image's tag is published for (the tag histories), read where there is no
   * build, as `docker build --check` resolves the bases; undefined: not recorded.
   */
  readonly imagePlatforms?: (reference: string) => RecordedPlatforms | undefined;
}

/** The names other tools give the same check, so users recognise a finding. */
export interface RuleRefs {
  /** hadolint rule IDs, e.g. `DL3006`. */
  readonly hadolint?: readonly string[];
  /** The BuildKit check name, e.g. `JSONArgsRecommended` (`docker build --check`). */
  readonly buildkit?: string;
  /** BuildKit runs the check only when `# check=experimental=…` names it. */
  readonly experimental?: true;
}

export interface Rule {
  /** Stable, `rule/<kebab-case>`; the rule's file is named after it. */
  readonly code: `rule/${string}`;
  readonly severity: Severity;
  /** One line: what the rule asks for. */
  readonly title: string;
  /** A few sentences: why it matters for small, safe images, and what to do. */
  readonly explanation: string;
  /** A Dockerfile the rule reports. */
  readonly bad: string;
  /** The same Dockerfile, fixed. */
  readonly good: string;
  readonly refs: RuleRefs;
  /**
   * `build`: the rule looks at the built image and finds nothing without `RuleInput.build`.
   * `context` gives the files the examples are built with.
   */
  readonly needs?: { readonly build: true; readonly context: Readonly<Record<string, string>> };
  /** The build context's `.dockerignore` the Bad and Good examples are checked with. */
  readonly dockerignore?: string;
  check(input: RuleInput): Diagnostic[];
}

/** Where a finding's text can send the reader: the rule's entry on the reference page. */
export function ruleUrl(rule: Pick<Rule, 'code'>): string {
  return `/rules/#${rule.code.slice('rule/'.length)}`;
}

export interface FindingExtras {
  readonly hint?: string;
  readonly fixes?: readonly Fix[];
}

/** A diagnostic for `rule` at `range`. */
export function finding(
  rule: Rule,
  range: SourceRange,
  message: string,
  extras: FindingExtras = {},
): Diagnostic {
  return {
    code: rule.code,
    severity: rule.severity,
    message,
    range,
    ...(extras.hint === undefined ? {} : { hint: extras.hint }),
    url: ruleUrl(rule),
    ...(extras.fixes === undefined || extras.fixes.length === 0 ? {} : { fixes: extras.fixes }),
  };
}

/** A quick fix that inserts text at one offset. */
export function insertFix(title: string, at: number, insert: string): Fix {
  return { title, edits: [{ from: at, to: at, insert }] };
}

/** A quick fix that replaces one range of the text. */
export function replaceFix(title: string, range: SourceRange, insert: string): Fix {
  return { title, edits: [{ from: range.start.offset, to: range.end.offset, insert }] };
}
