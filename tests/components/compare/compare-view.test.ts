/** The comparison's bars and sentences. */
import { describe, expect, it } from 'vitest';
import {
  barWidths,
  defaultPartner,
  ratioSentence,
  toolList,
} from '../../../src/components/compare/compare-view.ts';
import type { Comparison, ImageSummary } from '../../../src/lib/analysis/compare.ts';

const summary = (shells: string[]): ImageSummary => ({
  size: 0,
  layers: 1,
  user: 'root',
  starts: true,
  executables: 0,
  tools: {
    shell: shells,
    'network-tool': [],
    'package-manager': [],
    compiler: [],
    setuid: [],
    'world-writable': [],
    'root-user': [],
  },
});

const comparison = (ratio: number) => ({ ratio }) as Comparison;

describe('the comparison view', () => {
  it('draws the larger image full width and the other in proportion, never invisibly thin', () => {
    expect(barWidths(1000, 50)).toEqual([100, 5]);
    expect(barWidths(1, 1_000_000)).toEqual([0.5, 100]);
    expect(barWidths(0, 10)).toEqual([0, 100]);
    expect(barWidths(0, 0)).toEqual([0, 0]);
  });

  it('says which image is how many times the other', () => {
    expect(ratioSentence(comparison(21.13), ['A', 'B'])).toBe('A is 21 times the size of B.');
    expect(ratioSentence(comparison(0.25), ['A', 'B'])).toBe('B is 4.0 times the size of A.');
    expect(ratioSentence(comparison(1), ['A', 'B'])).toBe('A and B are the same size.');
    expect(ratioSentence(comparison(Number.POSITIVE_INFINITY), ['A', 'B'])).toBe('B is empty: 0 bytes.');
  });

  it('lists a few tools and counts the rest', () => {
    expect(toolList(summary(['sh', 'bash', 'dash']), 'shell', 2)).toBe('sh, bash and 1 more');
    expect(toolList(summary([]), 'shell')).toBe('none');
  });
});

describe("the comparison's default partner for the learner's files", () => {
  const example = (id: string, dockerfile: string, go = false) => ({
    id,
    files: [
      { path: 'Dockerfile', content: dockerfile },
      ...(go ? [{ path: 'go.mod', content: 'module x' }] : []),
    ],
  });
  const examples = [
    example('python-single-stage', 'FROM python:3.9'),
    example('python-multi-stage', 'FROM python:3.9 AS build'),
    example('go-single-stage', 'FROM golang:1', true),
    example('go-scratch', 'FROM golang:1 AS build', true),
  ];
  const files = (dockerfile: string, go = false) => ({
    dockerfile,
    files: example('x', dockerfile, go).files,
  });

  it("is the language's first example, the course's before", () => {
    expect(defaultPartner(files('FROM python:3.14-slim'), examples)).toBe('python-single-stage');
    expect(defaultPartner(files('FROM golang:1.25 AS build', false), examples)).toBe('python-single-stage');
    expect(defaultPartner(files('FROM scratch', true), examples)).toBe('go-single-stage');
  });

  it('is never the very files the learner has, so the first comparison is not an image with itself', () => {
    expect(defaultPartner(files('FROM python:3.9'), examples)).toBe('python-multi-stage');
    expect(defaultPartner(files('FROM golang:1', true), examples)).toBe('go-scratch');
    expect(defaultPartner(files('FROM x'), [])).toBeUndefined();
  });
});
