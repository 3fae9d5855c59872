/** Every command the shell interpreter can run, by the names it answers to. */
import type { CommandModule } from '../command.ts';
import { addgroupCommand, adduserCommand } from './adduser.ts';
import { aptMark } from './apt-mark.ts';
import { cat } from './cat.ts';
import { chmod, chown } from './chmod.ts';
import { cp, mv } from './cp.ts';
import { dd } from './dd.ts';
import { du } from './du.ts';
import { echo } from './echo.ts';
import { env, printenv } from './env.ts';
import { fetchers } from './fetch.ts';
import { find } from './find.ts';
import { head, tail } from './head.ts';
import { id, whoami } from './identity.ts';
import { install } from './install.ts';
import { ln } from './ln.ts';
import { ls } from './ls.ts';
import { make } from './make.ts';
import { mkdir } from './mkdir.ts';
import { printf } from './printf.ts';
import { readOnly } from './read-only.ts';
import { rm } from './rm.ts';
import { sed } from './sed.ts';
import { shells } from './shells.ts';
import { tar } from './tar.ts';
import { test } from './test.ts';
import { touch } from './touch.ts';
import { tr } from './tr.ts';
import { unzip } from './unzip.ts';
import { groupaddCommand, useraddCommand } from './useradd.ts';
import { usermodCommand } from './usermod.ts';
import { wc } from './wc.ts';
import { which } from './which.ts';

const ALL: readonly CommandModule[] = [
  addgroupCommand,
  adduserCommand,
  aptMark,
  cat,
  chmod,
  chown,
  cp,
  dd,
  du,
  echo,
  env,
  find,
  groupaddCommand,
  head,
  id,
  install,
  ln,
  ls,
  make,
  mkdir,
  mv,
  printenv,
  printf,
  readOnly,
  rm,
  sed,
  shells,
  tail,
  tar,
  test,
  touch,
  tr,
  unzip,
  useraddCommand,
  usermodCommand,
  wc,
  which,
  whoami,
  ...fetchers,
];

export function commandRegistry(extra: readonly CommandModule[] = []): Map<string, CommandModule> {
  const registry = new Map<string, CommandModule>();
  for (const module of [...ALL, ...extra]) for (const name of module.names) registry.set(name, module);
  return registry;
}
