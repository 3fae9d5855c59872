/**
 * `docker history`'s CREATED BY for an instruction, as BuildKit's Dockerfile frontend writes it
 * (recorded against Docker 28): variables expanded; COPY/ADD keep --chown and --chmod and drop
 * --from, --link, --exclude and --unpack; JSON arguments joined by spaces; heredoc sources as
 * `<<NAME`; WORKDIR absolute; a shell-form RUN through the SHELL, its heredocs inlined, and the
 * stage's ARG values in front (`|1 V=given /bin/sh -c …`).
 */
import type { Instruction, SyntaxWord } from '../dockerfile/index.ts';
import { resolveIn } from '../fs/path.ts';
import type { ImageConfig } from './image-config.ts';

export interface HistoryScope {
  readonly config: ImageConfig;
  /** Expands a word with the stage's ARG and ENV values. */
  readonly expand: (word: SyntaxWord) => string;
  /** The stage's ARGs that have a value, in the order they were declared. */
  readonly args: ReadonlyMap<string, string>;
}

function runScript(instruction: Extract<Instruction, { kind: 'RUN' }>): string {
  if (instruction.command.form !== 'shell') return '';
  const script = instruction.command.script.value;
  const [only] = instruction.heredocs;
  if (instruction.heredocs.length === 1 && only && /^\d*<<-?\s*['"]?[\w.-]+['"]?$/.test(script.trim()))
    // The heredoc is the script; one with a #! line runs as a file BuildKit passes in
    return only.content.startsWith('#!') ? `/dev/pipes/${only.name}` : only.content;
  return [script, ...instruction.heredocs.map((doc) => `${doc.content}${doc.name}`)].join('\n');
}

export function historyText(instruction: Instruction, scope: HistoryScope): string {
  const expand = (word: SyntaxWord) => {
    try {
      return scope.expand(word);
    } catch {
      return word.value;
    }
  };
  switch (instruction.kind) {
    case 'RUN': {
      const args = [...scope.args].map(([name, value]) => `${name}=${value}`);
      const prefix = args.length > 0 ? `|${args.length} ${args.join(' ')} ` : '';
      const command =
        instruction.command.form === 'shell'
          ? `${scope.config.shell.join(' ')} ${runScript(instruction)}`
          : instruction.command.args.map((arg) => arg.value).join(' ');
      return `RUN ${prefix}${command} # buildkit`;
    }
    case 'COPY':
    case 'ADD': {
      const flags = [
        ...(instruction.chown ? [`--chown=${expand(instruction.chown)}`] : []),
        ...(instruction.chmod ? [`--chmod=${expand(instruction.chmod)}`] : []),
      ];
      const sources = [
        ...instruction.sources.map(expand),
        ...instruction.inlineSources.map((doc) => `<<${doc.name}`),
      ];
      return `${instruction.kind} ${[...flags, ...sources, expand(instruction.destination)].join(' ')} # buildkit`;
    }
    case 'WORKDIR':
      return `WORKDIR ${resolveIn(scope.config.workdir, expand(instruction.path))}`;
    default: {
      const source = instruction.source.trim();
      return `${instruction.kind} ${source.slice(instruction.keyword.value.length).trim()}`;
    }
  }
}
