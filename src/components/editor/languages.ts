/**
 * The language of a context file, chosen by its name. Dockerfile highlighting is part of the editor;
 * the others are small legacy modes loaded on first use, so the page does not pay for Go until a Go
 * file is opened.
 */
import { StreamLanguage, type StreamParser } from '@codemirror/language';
import type { Extension } from '@codemirror/state';
import { dockerfileLanguage } from './dockerfile-language.ts';

export type LanguageName = 'dockerfile' | 'python' | 'go' | 'shell' | 'toml' | 'plain';

export function languageNameOf(path: string): LanguageName {
  const name = path.slice(path.lastIndexOf('/') + 1);
  if (name === 'Dockerfile' || name.endsWith('.Dockerfile') || name.startsWith('Dockerfile.'))
    return 'dockerfile';
  const extension = name.includes('.') ? name.slice(name.lastIndexOf('.')) : '';
  switch (extension) {
    case '.py':
      return 'python';
    case '.go':
      return 'go';
    case '.sh':
      return 'shell';
    case '.toml':
      return 'toml';
    default:
      return 'plain';
  }
}

const loaders: Record<Exclude<LanguageName, 'dockerfile' | 'plain'>, () => Promise<StreamParser<unknown>>> = {
  python: () => import('@codemirror/legacy-modes/mode/python').then((mode) => mode.python),
  go: () => import('@codemirror/legacy-modes/mode/go').then((mode) => mode.go),
  shell: () => import('@codemirror/legacy-modes/mode/shell').then((mode) => mode.shell),
  toml: () => import('@codemirror/legacy-modes/mode/toml').then((mode) => mode.toml),
};

const loaded = new Map<LanguageName, Promise<Extension>>();

/** The highlighting for a language; resolves at once for the Dockerfile and plain text. */
export function loadLanguage(name: LanguageName): Promise<Extension> {
  if (name === 'dockerfile') return Promise.resolve(dockerfileLanguage);
  if (name === 'plain') return Promise.resolve([]);
  let language = loaded.get(name);
  if (!language) {
    language = loaders[name]().then(
      (parser) => StreamLanguage.define(parser),
      // Offline or a failed chunk: plain text now, another try when the next file needs it.
      (): Extension => {
        loaded.delete(name);
        return [];
      },
    );
    loaded.set(name, language);
  }
  return language;
}
