/** The packages a course Dockerfile may install by name, per package manager. */

/** Debian: what Dockerfiles commonly `apt-get install` (issue 5's list, plus python3-pip and jq). */
export const CURATED_APT = [
  'curl',
  'wget',
  'ca-certificates',
  'git',
  'gcc',
  'g++',
  'make',
  'build-essential',
  'netcat-openbsd',
  'dnsutils',
  'bind9-dnsutils',
  'iputils-ping',
  'procps',
  'tzdata',
  'libpq-dev',
  'python3',
  'python3-pip',
  'vim-tiny',
  'unzip',
  'openssl',
  'jq',
] as const;

/** Alpine: the equivalents of the Debian list. */
export const CURATED_APK = [
  'curl',
  'wget',
  'ca-certificates',
  'git',
  'gcc',
  'musl-dev',
  'make',
  'build-base',
  'bind-tools',
  'postgresql-dev',
  'libpq-dev',
  'tzdata',
  'python3',
  'py3-pip',
] as const;
