import { describe, expect, it } from 'vitest';
import { pinBaseImage, splitReference } from '../../../src/lib/rules/pin-base-image.ts';
import { applyFix, briefFindings, build, check, lines, marked, NONE_IN_BRIEF } from './fixtures.ts';

describe('rule/pin-base-image', () => {
  it('reports golang:latest and the untagged alpine of its Bad example, not its Good one', () => {
    expect(lines(check(pinBaseImage, pinBaseImage.bad))).toEqual([1, 6]);
    expect(check(pinBaseImage, pinBaseImage.good)).toEqual([]);
  });

  it.each([
    ['FROM alpine\n', 'alpine', /alpine means alpine:latest/],
    ['FROM alpine:latest\n', 'alpine:latest', /Using latest/],
    ['FROM registry.example.com:5000/team/app\n', 'registry.example.com:5000/team/app', /means/],
    ['ARG IMAGE=node\nFROM ${IMAGE}\n', '${IMAGE}', /node means node:latest/],
    ['ARG TAG=latest\nFROM python:${TAG}\n', 'python:${TAG}', /Using latest/],
    ['FROM --platform=linux/amd64 debian\n', 'debian', /debian means/],
  ])('catches %j', (text, word, message) => {
    const found = check(pinBaseImage, text);
    expect(marked(text, found)).toEqual([word]);
    expect(found[0]?.message).toMatch(message);
  });

  it.each([
    'FROM scratch\n',
    'FROM alpine:3.22\n',
    'FROM alpine@sha256:4bcff63911fcb4448bd4fdacec207030997caf25e9bea4045fa6c8c44de311d1\n',
    'FROM alpine:latest@sha256:4bcff63911fcb4448bd4fdacec207030997caf25e9bea4045fa6c8c44de311d1\n',
    'FROM golang:1.26 AS build\nFROM build\n',
    'FROM golang:1.26 AS build\nFROM build AS test\n',
    'ARG V=3.22\nFROM alpine:${V}\n',
    'FROM python:${UNDECLARED}\n',
  ])('does not catch %j', (text) => {
    expect(check(pinBaseImage, text)).toEqual([]);
  });

  it('pins to the version the catalog resolves latest to, when there is a build', async () => {
    const text = 'FROM alpine\nRUN true\n';
    const [finding] = check(pinBaseImage, text, await build(text));
    expect(finding?.fixes?.[0]?.title).toMatch(/^Pin to alpine:3\.24 /);
    expect(applyFix(text, finding?.fixes?.[0] as never)).toBe('FROM alpine:3.24\nRUN true\n');
    expect(check(pinBaseImage, text)[0]?.fixes).toBeUndefined();
  });

  it('splits references as Docker reads them', () => {
    expect(splitReference('localhost:5000/app')).toEqual({ name: 'localhost:5000/app' });
    expect(splitReference('python:3.9-alpine')).toEqual({ name: 'python', tag: '3.9-alpine' });
    expect(splitReference('a/b:1@sha256:00')).toEqual({ name: 'a/b', tag: '1', digest: 'sha256:00' });
  });

  it('finds nothing in the brief: python:3.9, python:3.9-alpine and golang:1 name versions, scratch is exempt', async () => {
    expect(await briefFindings(pinBaseImage)).toEqual(NONE_IN_BRIEF);
  });
});
