import { describe, expect, it } from 'vitest';
import { evaluateMarker, linuxPython } from '../../../src/lib/packages/markers.ts';

const py39 = linuxPython('3.9.25');
const py312 = linuxPython('3.12.1');

describe('environment markers', () => {
  it('compares python_version as a version, not a string', () => {
    expect(evaluateMarker(`python_version < '3.10'`, py39)).toBe(true);
    expect(evaluateMarker(`python_version < '3.10'`, py312)).toBe(false);
    expect(evaluateMarker('python_version >= "3.12"', py312)).toBe(true);
  });

  it('reads platform markers for Linux', () => {
    expect(evaluateMarker('platform_system == "Windows"', py39)).toBe(false);
    expect(evaluateMarker('sys_platform != "win32" and implementation_name == "cpython"', py39)).toBe(true);
    expect(
      evaluateMarker(
        'sys_platform == "win32" or (platform_machine == "x86_64" and os_name == "posix")',
        py39,
      ),
    ).toBe(true);
  });

  it('holds extras only when they are requested', () => {
    expect(evaluateMarker('extra == "standard"', py39)).toBe(false);
    expect(evaluateMarker('extra == "standard"', linuxPython('3.9.25', ['standard']))).toBe(true);
  });

  it('treats an absent marker as true and an unreadable one as false', () => {
    expect(evaluateMarker(undefined, py39)).toBe(true);
    expect(evaluateMarker('python_version <', py39)).toBe(false);
  });
});
