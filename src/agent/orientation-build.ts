// How to build and test a project, as far as its manifests tell, and which programs each suggested
// command runs (best effort, orientation-programs.ts), so orientation can say which can run here.
import { recipePrograms, scriptPrograms } from './orientation-programs.ts';

export interface BuildCommand {
  /** As the model reads it: the command and what it runs. */
  line: string;
  /** Programs it runs (`a|b`: either); `./x` is a file in the repository. Empty: nothing to check. */
  needs: string[];
  /** A package.json script: `node_modules/.bin` is on its PATH. */
  nodeBin?: boolean;
}

export function buildCommands(_top: string, read: (name: string) => string | null): BuildCommand[] {
  const lines: BuildCommand[] = [];
  const pkg = read('package.json');
  if (pkg) {
    try {
      const scripts = (JSON.parse(pkg) as { scripts?: Record<string, string> }).scripts ?? {};
      const runner = read('pnpm-lock.yaml') ? 'pnpm' : read('yarn.lock') ? 'yarn' : read('bun.lockb') || read('bun.lock') ? 'bun' : 'npm';
      const wanted = ['test', 'build', 'lint', 'typecheck', 'check', 'format'];
      for (const name of wanted) {
        const command = scripts[name];
        if (typeof command !== 'string') continue;
        const needs = [runner, ...scriptPrograms(name, scripts).filter((p) => p !== runner)];
        lines.push({ line: `${runner} ${name === 'test' ? 'test' : `run ${name}`}  (${command.slice(0, 80)})`, needs, nodeBin: true });
      }
      if (lines.length === 0 && Object.keys(scripts).length > 0) lines.push({ line: `package.json scripts: ${Object.keys(scripts).slice(0, 10).join(', ')}`, needs: [] });
    } catch {
      lines.push({ line: 'package.json (not valid JSON)', needs: [] });
    }
  }
  const pyproject = read('pyproject.toml');
  if (pyproject || read('setup.py') || read('pytest.ini')) {
    const pytest = /pytest/.test(pyproject ?? '') || read('pytest.ini') !== null;
    lines.push(pytest ? { line: 'pytest (Python tests)', needs: ['pytest'] } : { line: 'python -m unittest (no pytest configuration found)', needs: ['python3|python'] });
  }
  if (read('go.mod')) lines.push({ line: 'go build ./...  and  go test ./...', needs: ['go'] });
  if (read('Cargo.toml')) lines.push({ line: 'cargo build  and  cargo test', needs: ['cargo'] });
  const makefile = read('Makefile') ?? read('makefile');
  if (makefile) {
    const targets = [...makefile.matchAll(/^([A-Za-z][\w-]*):/gm)].map((m) => m[1] as string);
    const useful = targets.filter((t) => ['test', 'check', 'build', 'lint', 'all'].includes(t));
    const line = `make ${useful.length ? useful.join(' / ') : '(targets: ' + targets.slice(0, 8).join(', ') + ')'}`;
    lines.push({ line, needs: ['make', ...recipePrograms(makefile, useful).filter((p) => p !== 'make')] });
  }
  if (read('pom.xml')) lines.push({ line: 'mvn test', needs: ['mvn'] });
  if (read('build.gradle') || read('build.gradle.kts')) lines.push({ line: './gradlew test', needs: ['./gradlew'] });
  return lines;
}
