// Reading the base side of many paths at once: two git processes instead of one per file. A blob whose
// path has no checkout attribute (text, eol, crlf, filter, ident, working-tree-encoding) and a copy
// without core.autocrlf checks out byte for byte, so it is read raw from one `git cat-file --batch`;
// every other blob (and every symlink) is read one by one through readBlob, in working-tree form.
import { modeKind, readBlob, type FileState } from './apply-read.ts';
import { gitBytes, splitNul } from './git.ts';
import { decodePath, encodePath } from './path-bytes.ts';
import { eachLimit } from './pool.ts';

export interface BlobRef {
  sha: string;
  mode: string;
  path: string;
}

const CHECKOUT_ATTRS = ['text', 'eol', 'crlf', 'filter', 'ident', 'working-tree-encoding'];

/** The base FileState of every ref, keyed by path. */
export async function readBlobs(copyRoot: string, refs: BlobRef[]): Promise<Map<string, FileState>> {
  const out = new Map<string, FileState>();
  const plain = await plainBlobs(copyRoot, refs);
  const raw = await catBatch(copyRoot, plain.map((r) => r.sha));
  for (const r of plain) {
    const data = raw.get(r.sha);
    if (data !== undefined) out.set(r.path, { type: 'file', data, exec: modeKind(r.mode) === 'exec' });
  }
  const rest = refs.filter((r) => !out.has(r.path));
  await eachLimit(rest, 8, async (r) => {
    out.set(r.path, await readBlob(copyRoot, r.sha, r.mode, r.path));
  });
  return out;
}

/** Regular-file refs that check out unchanged (no conversion can apply to them). */
async function plainBlobs(copyRoot: string, refs: BlobRef[]): Promise<BlobRef[]> {
  const files = refs.filter((r) => {
    const kind = modeKind(r.mode);
    return kind === 'file' || kind === 'exec';
  });
  if (files.length === 0) return [];
  const autocrlf = await gitBytes(['config', '--get', 'core.autocrlf'], { cwd: copyRoot, okCodes: [0, 1] });
  if (autocrlf.stdout.toString('utf8').trim() === 'true') return [];
  const input = encodePath(files.map((r) => `${r.path}\0`).join(''));
  const { stdout } = await gitBytes(['check-attr', '-z', '--stdin', ...CHECKOUT_ATTRS], { cwd: copyRoot, input });
  const fields = splitNul(decodePath(stdout));
  const converted = new Set<string>();
  for (let i = 0; i + 2 < fields.length; i += 3) {
    if (fields[i + 2] !== 'unspecified') converted.add(fields[i] as string);
  }
  return files.filter((r) => !converted.has(r.path));
}

/** Raw blob bytes by sha, from one `git cat-file --batch`. */
async function catBatch(copyRoot: string, shas: string[]): Promise<Map<string, Buffer>> {
  const found = new Map<string, Buffer>();
  const unique = [...new Set(shas)].filter((s) => /^[0-9a-f]{40,64}$/.test(s));
  if (unique.length === 0) return found;
  const { stdout } = await gitBytes(['cat-file', '--batch'], { cwd: copyRoot, input: Buffer.from(unique.map((s) => `${s}\n`).join('')) });
  let at = 0;
  while (at < stdout.length) {
    const eol = stdout.indexOf(0x0a, at);
    if (eol < 0) break;
    const [sha, type, size] = stdout.subarray(at, eol).toString('utf8').split(' ');
    at = eol + 1;
    if (type !== 'blob' || sha === undefined || size === undefined) continue; // `<sha> missing`: read one by one
    const n = Number(size);
    found.set(sha, Buffer.from(stdout.subarray(at, at + n)));
    at += n + 1;
  }
  return found;
}
