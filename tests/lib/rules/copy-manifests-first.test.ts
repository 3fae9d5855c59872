import { describe, expect, it } from 'vitest';
import { copyManifestsFirst } from '../../../src/lib/rules/copy-manifests-first.ts';
import { briefFindings, check, lines, marked, NONE_IN_BRIEF } from './fixtures.ts';

describe('rule/copy-manifests-first', () => {
  it('reports the COPY . before pip install -r in its Bad example, not the order of its Good one', () => {
    const found = check(copyManifestsFirst, copyManifestsFirst.bad);
    expect(lines(found)).toEqual([3]);
    expect(found[0]?.message).toBe(
      'COPY . brings in the sources before `pip install --no-cache-dir -r requirements.txt` (line 4): every source edit re-runs the install',
    );
    expect(found[0]?.hint).toBe(
      'Copy only requirements.txt first, run the install, then copy the sources after it.',
    );
    expect(check(copyManifestsFirst, copyManifestsFirst.good)).toEqual([]);
  });

  it.each([
    ['FROM node:22\nWORKDIR /app\nCOPY . .\nRUN npm ci\n', ['.']],
    ['FROM node:22\nWORKDIR /app\nCOPY package.json src/ ./\nRUN npm install\n', ['src/']],
    ['FROM golang:1.26\nWORKDIR /src\nCOPY . ./\nRUN go mod download\n', ['.']],
    [
      'FROM python:3.9\nWORKDIR /app\nCOPY app .\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\n',
      ['app'],
    ],
    ['FROM python:3.9\nCOPY *.py ./\nRUN python -m pip install --requirement reqs.txt\n', ['*.py']],
  ])('catches %j', (text, words) => {
    expect(marked(text, check(copyManifestsFirst, text))).toEqual(words);
  });

  it.each([
    'FROM node:22\nWORKDIR /app\nCOPY package.json package-lock.json ./\nRUN npm ci\nCOPY . .\n',
    'FROM golang:1.26\nWORKDIR /src\nCOPY go.mod go.sum ./\nRUN go mod download\nCOPY . .\nRUN go build -o /app\n',
    // Building the sources is not installing dependencies.
    'FROM golang:1.26\nWORKDIR /src\nCOPY . .\nRUN go build -o /app\n',
    'FROM node:22\nWORKDIR /app\nCOPY . .\nRUN npm install left-pad\n',
    'FROM python:3.9\nCOPY config.yaml .\nRUN pip install -r requirements.txt\n',
    'FROM python:3.9 AS a\nCOPY . .\nFROM python:3.9\nRUN pip install -r requirements.txt\n',
    'FROM python:3.9 AS a\nFROM python:3.9\nCOPY --from=a /src /src\nRUN pip install -r /src/requirements.txt\n',
  ])('does not catch %j', (text) => {
    expect(check(copyManifestsFirst, text)).toEqual([]);
  });

  it('finds nothing in the brief: the Python images copy requirements.txt first, the Go ones download nothing', async () => {
    expect(await briefFindings(copyManifestsFirst)).toEqual(NONE_IN_BRIEF);
  });
});
