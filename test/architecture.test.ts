// The layers of src/ and the one direction their imports may point: every relative import of every
// TypeScript file under src/ goes to its own layer or one below, and folders of one layer never import
// each other both ways. A failure names the file, the import and the rule it breaks.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const srcDir = resolve(import.meta.dirname, '../src');

/**
 * Top to bottom: a module may import its own layer and the layers below it, never one above. Each
 * entry is a folder or a file (without .ts) directly under src/. A new one must be placed here.
 */
const layers: { name: string; members: string[] }[] = [
  { name: 'command line', members: ['cli'] },
  { name: 'entry points', members: ['main', 'commands'] },
  { name: 'wiring', members: ['wiring'] },
  { name: 'adapters', members: ['adapters'] },
  { name: 'domain', members: ['receipts', 'query', 'access'] },
  { name: 'reading pipeline', members: ['pipeline'] },
  { name: 'infrastructure', members: ['db', 'storage', 'jobs', 'llm'] },
  {
    name: 'foundation',
    members: [
      'config',
      'errors',
      'money',
      'fields',
      'iso-date',
      'words',
      'csv',
      'logger',
      'net',
      'signals',
      'metrics',
      'types',
      'generated',
    ],
  },
];

interface Edge {
  /** Importing file, relative to src/ ("pipeline/reader.ts"). */
  from: string;
  /** The import as written. */
  specifier: string;
  /** Imported file, relative to src/. */
  to: string;
}

/** The top-level folder or file (without .ts) a path under src/ belongs to. */
const memberOf = (path: string) => path.split('/')[0]!.replace(/\.ts$/, '');

function layerOf(path: string): number {
  return layers.findIndex((layer) => layer.members.includes(memberOf(path)));
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => relative(srcDir, join(entry.parentPath, entry.name)))
    .sort();
}

/** Relative specifiers of static imports and re-exports, side-effect imports and import() calls. */
function importSpecifiers(text: string): string[] {
  const code = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  const found = [
    ...code.matchAll(/^\s*(?:import|export)\s[^'";]*?\bfrom\s*['"]([^'"]+)['"]/gm),
    ...code.matchAll(/^\s*import\s*['"]([^'"]+)['"]/gm),
    ...code.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g),
  ].map((match) => match[1]!);
  return found.filter((specifier) => specifier.startsWith('.'));
}

function importGraph(): Edge[] {
  return sourceFiles(srcDir).flatMap((from) =>
    importSpecifiers(readFileSync(join(srcDir, from), 'utf8')).map((specifier) => ({
      from,
      specifier,
      to: relative(srcDir, resolve(srcDir, dirname(from), specifier)),
    })),
  );
}

/** Every edge that breaks the layering, as a sentence naming the file and the import. */
function violations(edges: Edge[]): string[] {
  const problems: string[] = [];
  const order = layers.map((layer) => layer.name).join(' → ');
  for (const file of new Set(edges.map((edge) => edge.from))) {
    if (layerOf(file) < 0)
      problems.push(
        `src/${file}: "${memberOf(file)}" is in no layer; place it in the layers of test/architecture.test.ts`,
      );
  }
  const crossings = new Set<string>();
  for (const { from, specifier, to } of edges) {
    const [fromLayer, toLayer] = [layerOf(from), layerOf(to)];
    if (fromLayer < 0) continue;
    if (to.startsWith('..')) {
      problems.push(`src/${from} imports '${specifier}': outside src/`);
    } else if (toLayer < 0) {
      problems.push(`src/${from} imports '${specifier}': "${memberOf(to)}" is in no layer`);
    } else if (toLayer < fromLayer) {
      problems.push(
        `src/${from} imports '${specifier}': ${layers[fromLayer]!.name} (${memberOf(from)}) may not import ` +
          `${layers[toLayer]!.name} (${memberOf(to)}), a layer above it; imports point down: ${order}`,
      );
    } else if (toLayer === fromLayer && memberOf(from) !== memberOf(to)) {
      crossings.add(`${memberOf(from)} ${memberOf(to)}`);
    }
  }
  for (const { from, specifier, to } of edges) {
    if (crossings.has(`${memberOf(to)} ${memberOf(from)}`) && crossings.has(`${memberOf(from)} ${memberOf(to)}`)) {
      problems.push(
        `src/${from} imports '${specifier}': ${memberOf(from)} and ${memberOf(to)} import each other; ` +
          'within a layer, arrows point one way',
      );
    }
  }
  return problems;
}

describe('architecture', () => {
  const edges = importGraph();

  it('reads the imports of every file under src/', () => {
    expect(edges.length).toBeGreaterThan(300);
    expect(edges).toContainEqual({ from: 'cli/program.ts', specifier: '../commands/ask.ts', to: 'commands/ask.ts' });
    expect(edges).toContainEqual(expect.objectContaining({ from: 'receipts/receipts.ts', to: 'pipeline/reader.ts' }));
  });

  it('keeps every import pointing down the layers', () => {
    expect(violations(edges), violations(edges).join('\n')).toEqual([]);
  });

  it('keeps the reading pipeline free of the receipts domain, the query agent, adapters and entry points', () => {
    const upward = edges.filter(
      (edge) =>
        edge.from.startsWith('pipeline/') &&
        ['receipts', 'query', 'access', 'adapters', 'wiring', 'commands', 'main', 'cli'].includes(memberOf(edge.to)),
    );
    expect(upward.map((edge) => `src/${edge.from} imports '${edge.specifier}'`)).toEqual([]);
  });

  it('names the file and the import of an arrow that points back up, or both ways', () => {
    expect(
      violations([
        { from: 'pipeline/reader.ts', specifier: '../receipts/receipts.ts', to: 'receipts/receipts.ts' },
        { from: 'db/client.ts', specifier: '../csv.ts', to: 'csv.ts' },
        { from: 'query/fx.ts', specifier: '../receipts/import.ts', to: 'receipts/import.ts' },
        { from: 'receipts/spend.ts', specifier: '../query/plan.ts', to: 'query/plan.ts' },
        { from: 'approvals/policy.ts', specifier: '../money.ts', to: 'money.ts' },
      ]),
    ).toEqual([
      expect.stringContaining('src/approvals/policy.ts: "approvals" is in no layer'),
      expect.stringMatching(/^src\/pipeline\/reader\.ts imports '\.\.\/receipts\/receipts\.ts': reading pipeline/),
      expect.stringContaining('src/query/fx.ts imports'),
      expect.stringContaining('src/receipts/spend.ts imports'),
    ]);
    expect(
      importSpecifiers("import a from './a.ts';\n// import b from './b.ts';\nexport { c } from '../c.ts';\n"),
    ).toEqual(['./a.ts', '../c.ts']);
    expect(importSpecifiers("const m = await import('./m.ts');\nimport type {\n  X,\n} from 'pkg';")).toEqual([
      './m.ts',
    ]);
    expect(importSpecifiers("export function load(path = '.env') {}\nimport './side.ts';\n")).toEqual(['./side.ts']);
  });
});
