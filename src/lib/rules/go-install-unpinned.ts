/** `go install pkg@latest`: a rebuild builds whatever the module's newest version is then. */
import type { Diagnostic } from '../diagnostic.ts';
import { finding, type Rule } from './rule.ts';
import { commandName, commandsOf, operands } from './run-commands.ts';
import { allRuns } from './stages.ts';

/** The go command's build flags that take a value, so the value is not read as a package. */
const GO_FLAGS_WITH_VALUE = new Set([
  '-o',
  '-tags',
  '-ldflags',
  '-gcflags',
  '-mod',
  '-modfile',
  '-p',
  '-pkgdir',
  '-buildmode',
  '-C',
]);

export const goInstallUnpinned: Rule = {
  code: 'rule/go-install-unpinned',
  severity: 'info',
  title: 'Install Go tools at a named version, not @latest',
  explanation:
    '`go install example.com/tool@latest` builds the newest version the module proxy knows on the day of the ' +
    'build, so two builds of the same Dockerfile can give different binaries. Name a version (`@v1.2.3`): the go ' +
    'command then checks it against the checksum database, and the build repeats. Inside a module, `go install ./cmd/x` ' +
    'takes its dependencies from go.mod and go.sum, which already pin them. Every stage is checked: a builder stage ' +
    'decides what the build produces.',
  bad: 'FROM golang:1.26 AS build\nRUN go install github.com/go-delve/delve/cmd/dlv@latest\n',
  good: 'FROM golang:1.26 AS build\nRUN go install github.com/go-delve/delve/cmd/dlv@v1.25.2\n',
  refs: {},
  check(input) {
    const diagnostics: Diagnostic[] = [];
    for (const command of commandsOf(input, allRuns(input))) {
      if (commandName(command) !== 'go') continue;
      const [verb, ...packages] = operands(command, GO_FLAGS_WITH_VALUE);
      if (verb?.value !== 'install') continue;
      for (const word of packages) {
        if (!word.value?.endsWith('@latest')) continue;
        diagnostics.push(
          finding(
            goInstallUnpinned,
            word.range,
            `go install ${word.value} builds whatever version is newest at build time: name one (@vX.Y.Z)`,
          ),
        );
      }
    }
    return diagnostics;
  },
};
