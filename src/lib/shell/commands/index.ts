/** Every command the shell interpreter can run, by the names it answers to. */
import type { CommandModule } from '../command.ts';
import { addgroupCommand, adduserCommand } from './adduser.ts';
import { cat } from './cat.ts';
import { chmod, chown } from './chmod.ts';
import { cp, mv } from './cp.ts';
import { echo } from './echo.ts';
import { fetchers } from './fetch.ts';
import { id, whoami } from './identity.ts';
import { ln } from './ln.ts';
import { mkdir } from './mkdir.ts';
import { printf } from './printf.ts';
import { readOnly } from './read-only.ts';
import { rm } from './rm.ts';
import { shells } from './shells.ts';
import { tar } from './tar.ts';
import { test } from './test.ts';
import { touch } from './touch.ts';
import { groupaddCommand, useraddCommand } from './useradd.ts';

const ALL: readonly CommandModule[] = [
  addgroupCommand,
  adduserCommand,
  cat,
  chmod,
  chown,
  cp,
  echo,
  groupaddCommand,
  id,
  ln,
  mkdir,
  mv,
  printf,
  readOnly,
  rm,
  shells,
  tar,
  test,
  touch,
  useraddCommand,
  whoami,
  ...fetchers,
];

export function commandRegistry(extra: readonly CommandModule[] = []): Map<string, CommandModule> {
  const registry = new Map<string, CommandModule>();
  for (const module of [...ALL, ...extra]) for (const name of module.names) registry.set(name, module);
  return registry;
}
