/** `pip install` without `--no-cache-dir`: pip keeps every downloaded wheel in ~/.cache/pip. */
import type { Diagnostic } from '../diagnostic.ts';
import { disablesPipCache } from '../shell/commands/pip.ts';
import { finding, insertFix, type Rule } from './rule.ts';
import { hasFlag, mountsCacheOn, pipInstall, runScripts } from './run-commands.ts';
import { stageChain, targetIndex, withTriggers } from './stages.ts';

export const pipNoCacheDir: Rule = {
  code: 'rule/pip-no-cache-dir',
  severity: 'warning',
  title: 'Run pip install with --no-cache-dir in the final image',
  explanation:
    'pip keeps a copy of every package it downloads in `~/.cache/pip` (`/root/.cache/pip` for root) so the next ' +
    'install is faster. In an image there is no next install: the cache is megabytes of wheels in the layer. Add ' +
    '`--no-cache-dir`, set `PIP_NO_CACHE_DIR=1`, or use a cache mount. In a multi-stage build where the final image ' +
    'copies only the installed packages (say `/root/.local`), the cache stays behind in the build stage, so only ' +
    'stages whose files end up in the final image are checked.',
  bad: 'FROM python:3.9-slim\nWORKDIR /app\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\nCOPY . .\nCMD ["python", "app.py"]\n',
  good: 'FROM python:3.9-slim\nWORKDIR /app\nCOPY requirements.txt .\nRUN pip install --no-cache-dir -r requirements.txt\nCOPY . .\nCMD ["python", "app.py"]\n',
  refs: { hadolint: ['DL3042'] },
  check(input) {
    const { stages } = input.dockerfile;
    const diagnostics: Diagnostic[] = [];
    // PIP_NO_CACHE_DIR set by an earlier ENV of the final image's chain of stages turns the cache off.
    let envOff = false;
    for (const index of stageChain(input, targetIndex(input))) {
      for (const instruction of withTriggers(stages[index]?.instructions ?? [])) {
        if (
          instruction.kind === 'ENV' &&
          instruction.pairs.some(
            (pair) => pair.key.value === 'PIP_NO_CACHE_DIR' && disablesPipCache(pair.value.value),
          )
        )
          envOff = true;
        if (instruction.kind !== 'RUN' || envOff || mountsCacheOn(instruction, '.cache')) continue;
        for (const script of runScripts(input, instruction)) {
          if (/\bPIP_NO_CACHE_DIR=/.test(script.text)) continue;
          for (const command of script.commands) {
            const install = pipInstall(command);
            if (install === undefined || hasFlag(command, '--no-cache-dir')) continue;
            diagnostics.push(
              finding(
                pipNoCacheDir,
                install.range,
                'pip install keeps its download cache in the image: add --no-cache-dir',
                {
                  hint: 'Write pip install --no-cache-dir …, or set ENV PIP_NO_CACHE_DIR=1 before the install.',
                  fixes:
                    install.after === undefined
                      ? []
                      : [insertFix('Add --no-cache-dir', install.after, ' --no-cache-dir')],
                },
              ),
            );
          }
        }
      }
    }
    return diagnostics;
  },
};
