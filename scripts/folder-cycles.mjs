// Part of `npm run lint`: fails when two folders of src/ import each other, directly or around a
// longer loop. ESLint's floors (eslint.config.js) keep each floor from importing the ones above it;
// this check covers what they leave open — folders on one floor, and dynamic `import()` — so the
// folders form a graph without cycles (docs/architecture.md). Type-only imports count too.
// Usage: node scripts/folder-cycles.mjs [SRC_DIR]   (default: this checkout's src/)
// It also holds dynamic `import()` to the floors (ESLint's no-restricted-imports sees only static
// imports): a folder may not load a folder on a floor above it, nor ui/ anything but protocol/ and
// format/, even lazily and without a loop.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { FLOORS } from '../eslint.config.js';

const src = path.resolve(process.argv[2] ?? path.join(import.meta.dirname, '../src'));
const IMPORT = /(?:^|[\s;])(?:import|export)\s[^'"`;]*?from\s*['"](\.[^'"]+)['"]|import\(\s*['"](\.[^'"]+)['"]\s*\)/g;

function files(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return files(p);
    return /\.tsx?$/.test(e.name) ? [p] : [];
  });
}

/** The top folder of src/ a path is in ('' for a file directly in src/ or outside it). */
const folderOf = (file) => {
  const rel = path.relative(src, file);
  return rel.startsWith('..') || !rel.includes(path.sep) ? '' : rel.split(path.sep)[0];
};

const floorOf = new Map(FLOORS.flatMap((names, i) => names.map((name) => [name, i])));
/** Whether `from` may load `to` lazily: the floors of eslint.config.js (folders on no floor: the cycle check only). */
function dynamicAllowed(from, to) {
  if (!floorOf.has(from) || !floorOf.has(to)) return true;
  if (from === 'ui') return to === 'protocol' || to === 'format';
  return floorOf.get(to) <= floorOf.get(from) && !(to === 'ui' && from !== 'cli');
}

const edges = new Map(); // folder -> Map(folder -> an example "file: specifier")
const upward = []; // dynamic imports that cross a floor
for (const file of files(src)) {
  const from = folderOf(file);
  for (const m of readFileSync(file, 'utf8').matchAll(IMPORT)) {
    const spec = m[1] ?? m[2];
    const to = folderOf(path.resolve(path.dirname(file), spec));
    if (from === '' || to === '' || to === from) continue;
    if (m[2] !== undefined && !dynamicAllowed(from, to)) upward.push(`  ${from} -> ${to}  (${path.relative(src, file)}: import('${spec}'))`);
    if (!edges.has(from)) edges.set(from, new Map());
    if (!edges.get(from).has(to)) edges.get(from).set(to, `${path.relative(src, file)}: ${spec}`);
  }
}

// Tarjan's strongly connected components: any component of more than one folder is a cycle.
let index = 0;
const stack = [];
const info = new Map();
const cycles = [];
function visit(v) {
  info.set(v, { index, low: index, onStack: true });
  index += 1;
  stack.push(v);
  for (const w of edges.get(v)?.keys() ?? []) {
    if (!info.has(w)) {
      visit(w);
      info.get(v).low = Math.min(info.get(v).low, info.get(w).low);
    } else if (info.get(w).onStack) {
      info.get(v).low = Math.min(info.get(v).low, info.get(w).index);
    }
  }
  if (info.get(v).low === info.get(v).index) {
    const component = [];
    let w;
    do {
      w = stack.pop();
      info.get(w).onStack = false;
      component.push(w);
    } while (w !== v);
    if (component.length > 1) cycles.push(component.sort());
  }
}
for (const v of edges.keys()) if (!info.has(v)) visit(v);

if (upward.length > 0) {
  console.error('folder-cycles: a dynamic import crosses a floor (docs/architecture.md, "The floors"):');
  for (const line of upward) console.error(line);
  process.exitCode = 1;
}
if (cycles.length === 0) {
  console.log(`folder-cycles: ${edges.size} folders of src/ import one another without a cycle`);
} else {
  for (const component of cycles) {
    console.error(`folder-cycles: these folders import one another in a loop: ${component.join(', ')}`);
    for (const a of component) for (const [b, where] of edges.get(a) ?? []) if (component.includes(b)) console.error(`  ${a} -> ${b}  (${where})`);
  }
  process.exitCode = 1;
}
