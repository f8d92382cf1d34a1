// Orientation's facts about the environment, from stat calls only (nothing is run before the first
// request): per toolchain the manifests show, whether its dependencies are installed where the
// sandbox will see them; whether the agent's commands have the network; and which programs of a
// suggested command are missing (orientation-build.ts names them, `onPath` looks them up).
import { existsSync } from 'node:fs';
import { isDirectory } from '../fs/repo-file.ts';
import { join } from 'node:path';
import type { BuildCommand } from './orientation-build.ts';

export interface EnvironmentFacts {
  /** Where dependency directories are looked for: the user's checkout (bound into the copy) or the copy. */
  dependencyRoots: string[];
  /** Whether the agent's commands reach the network. */
  network: boolean;
  /** Whether a program is on the sandbox's PATH (absent: programs are not checked). */
  onPath?: (name: string) => boolean;
}

/** One toolchain's check: the manifests that show it, and what counts as installed. */
interface DependencyCheck {
  name: string;
  manifests: string[];
  /** Installed: the first of these (relative to a root) that exists, with `/` for a directory. */
  installed: string[];
  missing: string;
}

const CHECKS: readonly DependencyCheck[] = [
  { name: 'node', manifests: ['package.json'], installed: ['node_modules/', '.pnp.cjs'], missing: 'not installed (no node_modules)' },
  { name: 'python', manifests: ['pyproject.toml', 'setup.py', 'requirements.txt'], installed: ['.venv/pyvenv.cfg', 'venv/pyvenv.cfg'], missing: 'no virtualenv (.venv, venv)' },
  { name: 'go', manifests: ['go.mod'], installed: ['vendor/'], missing: 'no vendor/' },
  { name: 'rust', manifests: ['Cargo.toml'], installed: ['vendor/'], missing: 'no vendor/' },
  { name: 'ruby', manifests: ['Gemfile'], installed: ['vendor/bundle/'], missing: 'not installed (no vendor/bundle)' },
  { name: 'php', manifests: ['composer.json'], installed: ['vendor/autoload.php'], missing: 'not installed (no vendor/)' },
];

function found(roots: readonly string[], rel: string): boolean {
  return roots.some((root) => (rel.endsWith('/') ? isDirectory(join(root, rel)) : existsSync(join(root, rel))));
}

/** A package.json that declares no dependency of any kind (nothing to install). */
function declaresNothing(pkg: string | null): boolean {
  if (pkg === null) return false;
  try {
    const json = JSON.parse(pkg) as Record<string, unknown>;
    return ['dependencies', 'devDependencies', 'optionalDependencies', 'peerDependencies'].every((k) => {
      const v = json[k];
      return v === undefined || v === null || (typeof v === 'object' && Object.keys(v).length === 0);
    });
  } catch {
    return false;
  }
}

/**
 * `Dependencies (network off for your commands): node: not installed (no node_modules); …`, or ''
 * when no toolchain shows. `read` gives a manifest's text (package.json: one that declares no
 * dependency needs none installed).
 */
export function dependencyLine(top: string, facts: EnvironmentFacts, read: (name: string) => string | null = () => null): string {
  const parts: string[] = [];
  for (const check of CHECKS) {
    if (!check.manifests.some((m) => existsSync(join(top, m)))) continue;
    if (check.name === 'node' && declaresNothing(read('package.json'))) continue;
    const hit = check.installed.find((rel) => found(facts.dependencyRoots, rel));
    const where = hit?.replace(/\/(pyvenv\.cfg|autoload\.php)?$/, '').replace(/\/$/, '');
    const venvHint = check.name === 'python' && where ? ', not on PATH: use its bin/' : '';
    parts.push(`${check.name}: ${hit ? `installed (${where}${venvHint})` : check.missing}`);
  }
  if (parts.length === 0) return '';
  return `Dependencies (network ${facts.network ? 'on' : 'off'} for your commands): ${parts.join('; ')}`;
}

/** The programs of a suggested command that are not found: on PATH, in node_modules/.bin for a script, or (`./x`) in the repository. */
export function missingPrograms(cmd: BuildCommand, top: string, facts: EnvironmentFacts): string[] {
  const onPath = facts.onPath;
  if (!onPath) return [];
  const has = (name: string): boolean => {
    if (name.startsWith('/')) return existsSync(name);
    if (name.startsWith('./') || name.startsWith('../')) return [top, ...facts.dependencyRoots].some((root) => existsSync(join(root, name)));
    if (name.includes('/')) return true; // a path relative to somewhere we do not know: not judged
    if (cmd.nodeBin && found(facts.dependencyRoots, `node_modules/.bin/${name}`)) return true;
    return onPath(name);
  };
  return cmd.needs.filter((n) => !n.split('|').some(has)).map((n) => n.split('|')[0] as string);
}

/** A suggested command's line, with what keeps it from running here. */
export function commandLine(cmd: BuildCommand, top: string, facts: EnvironmentFacts | undefined): string {
  const missing = facts ? missingPrograms(cmd, top, facts) : [];
  return missing.length === 0 ? cmd.line : `${cmd.line} — cannot run here: ${missing.join(', ')} not found`;
}
