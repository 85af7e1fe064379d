// The docs stay true to the repository: README is a short front door, every relative link in README.md
// and docs/*.md (and its #anchor) leads somewhere, and every variable the config reads is documented.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = new URL('..', import.meta.url).pathname;
const read = (path: string) => readFileSync(join(root, path), 'utf8');
const pages = [
  'README.md',
  ...readdirSync(join(root, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .map((name) => `docs/${name}`),
];

/** Markdown without fenced code blocks, where brackets are code, not links. */
const prose = (text: string) => text.replace(/^```[\s\S]*?^```/gm, '');

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces as hyphens. */
const slug = (heading: string) =>
  heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N} _-]/gu, '')
    .replace(/ /g, '-');

function anchors(path: string): Set<string> {
  return new Set([...prose(read(path)).matchAll(/^#{1,6} (.+)$/gm)].map((match) => slug(match[1]!)));
}

describe('docs', () => {
  it('keep README a front door under 150 lines', () => {
    expect(read('README.md').split('\n').length).toBeLessThan(150);
  });

  it('link only to files and headings that exist', () => {
    const broken: string[] = [];
    for (const page of pages) {
      for (const [, target] of prose(read(page)).matchAll(/\]\(([^)\s]+)\)/g)) {
        if (/^[a-z]+:/i.test(target!)) continue; // https:, mailto:
        const [file, anchor] = target!.split('#') as [string, string | undefined];
        const path = file ? relative(root, join(root, dirname(page), file)) : page;
        if (!existsSync(join(root, path))) broken.push(`${page}: ${target} (no file ${path})`);
        else if (anchor && path.endsWith('.md') && !anchors(path).has(anchor)) {
          broken.push(`${page}: ${target} (no heading #${anchor} in ${path})`);
        }
      }
    }
    expect(broken).toEqual([]);
  });

  it('name every variable src/config.ts reads, in docs/configuration.md and .env.example', () => {
    const variables = [...read('src/config.ts').matchAll(/^ {2}([A-Z][A-Z0-9_]+): /gm)].map((match) => match[1]!);
    expect(variables.length).toBeGreaterThan(40);
    const reference = read('docs/configuration.md');
    const example = read('.env.example');
    expect(variables.filter((name) => !reference.includes(`\`${name}\``))).toEqual([]);
    expect(variables.filter((name) => !new RegExp(`^${name}=`, 'm').test(example))).toEqual([]);
  });
});
