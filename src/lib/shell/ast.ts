/** The shell syntax the simulator understands: the POSIX subset real Dockerfile RUN lines use. */

/** A piece of a word, before expansion. `quoted` parts are not split or globbed. */
export type WordPart =
  | { readonly kind: 'literal'; readonly text: string; readonly quoted: boolean }
  | { readonly kind: 'parameter'; readonly expression: string; readonly quoted: boolean }
  | { readonly kind: 'command'; readonly script: string; readonly quoted: boolean }
  /** bash's and ash's `<(…)` / `>(…)`: the word becomes a path (/dev/fd/63) the command reads. */
  | {
      readonly kind: 'process';
      readonly script: string;
      readonly direction: '<' | '>';
      readonly quoted: false;
    };

export interface Word {
  readonly parts: readonly WordPart[];
  /** The word as written, for messages. */
  readonly text: string;
}

export interface Redirect {
  /** The file descriptor redirected: 1 for `>`, 0 for `<`, or as written (`2>`). */
  readonly fd: number;
  readonly op: '>' | '>>' | '<' | '>&' | '<&' | '<<' | '<<-';
  readonly target: Word;
  /** For `<<` and `<<-`: the here-document (its body is read after the line that announces it). */
  readonly heredoc?: HeredocBody;
}

export interface HeredocBody {
  body: string;
  /** False when the delimiter was quoted: the body is taken literally. */
  readonly expand: boolean;
}

export interface SimpleCommand {
  readonly kind: 'simple';
  readonly assignments: readonly { readonly name: string; readonly value: Word }[];
  readonly words: readonly Word[];
  readonly redirects: readonly Redirect[];
}

export interface Subshell {
  readonly kind: 'subshell' | 'group';
  readonly body: Script;
  readonly redirects: readonly Redirect[];
}

export interface IfCommand {
  readonly kind: 'if';
  readonly branches: readonly { readonly condition: Script; readonly body: Script }[];
  readonly otherwise?: Script;
}

export interface ForCommand {
  readonly kind: 'for';
  readonly variable: string;
  readonly items: readonly Word[];
  readonly body: Script;
}

export interface WhileCommand {
  readonly kind: 'while';
  /** `until`: the body runs while the condition fails. */
  readonly until: boolean;
  readonly condition: Script;
  readonly body: Script;
}

export interface CaseCommand {
  readonly kind: 'case';
  readonly word: Word;
  readonly items: readonly { readonly patterns: readonly Word[]; readonly body: Script }[];
}

/** `name() { …; }` (and bash's `function name { …; }`): defines, runs nothing. */
export interface FunctionDefinition {
  readonly kind: 'function';
  readonly name: string;
  readonly body: Command;
}

/** A construct outside the simulated subset: kept so the step can say what it did not run. */
export interface UnsupportedCommand {
  readonly kind: 'unsupported';
  readonly construct: string;
  readonly text: string;
}

export type Command =
  | SimpleCommand
  | Subshell
  | IfCommand
  | ForCommand
  | WhileCommand
  | CaseCommand
  | FunctionDefinition
  | UnsupportedCommand;

export interface Pipeline {
  readonly negated: boolean;
  readonly commands: readonly Command[];
}

export interface AndOr {
  readonly first: Pipeline;
  readonly rest: readonly { readonly op: '&&' | '||'; readonly pipeline: Pipeline }[];
  /** Run in the background (`&`): the simulator runs it in place and says so. */
  readonly background: boolean;
  /** The script line it starts on, for the shell's `line N` in messages. */
  readonly line?: number;
}

export type Script = readonly AndOr[];
