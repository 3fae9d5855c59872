/** Facts about CPython that the run check needs, with where they come from. */

/**
 * `sys.builtin_module_names` of the official python:3.9 images (CPython 3.9, built with
 * --enable-shared as docker-library/python does): modules compiled into the interpreter, found
 * without any file.
 */
export const PYTHON_BUILTIN_MODULES: ReadonlySet<string> = new Set([
  '_abc',
  '_ast',
  '_codecs',
  '_collections',
  '_functools',
  '_imp',
  '_io',
  '_locale',
  '_operator',
  '_peg_parser',
  '_signal',
  '_sre',
  '_stat',
  '_string',
  '_symtable',
  '_thread',
  '_tracemalloc',
  '_warnings',
  '_weakref',
  'atexit',
  'builtins',
  'errno',
  'faulthandler',
  'gc',
  'itertools',
  'marshal',
  'posix',
  'pwd',
  'sys',
  'time',
  'xxsubtype',
]);

/**
 * Packages whose compiled extension is an optional speed-up: when it cannot load they fall back
 * to pure Python (MarkupSafe's `_speedups`, PyYAML's libyaml binding, simplejson, charset-normalizer's
 * mypyc build), so a glibc wheel still imports on musl. Source: each project's import fallback.
 */
export const OPTIONAL_NATIVE: ReadonlySet<string> = new Set([
  'markupsafe',
  'yaml',
  'simplejson',
  'charset_normalizer',
  'msgpack',
  'multidict',
  'yarl',
  'frozenlist',
]);
