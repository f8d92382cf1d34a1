// How to build and test a project, as far as its manifests tell.

export function buildCommands(_top: string, read: (name: string) => string | null): string[] {
  const lines: string[] = [];
  const pkg = read('package.json');
  if (pkg) {
    try {
      const scripts = (JSON.parse(pkg) as { scripts?: Record<string, string> }).scripts ?? {};
      const runner = read('pnpm-lock.yaml') ? 'pnpm' : read('yarn.lock') ? 'yarn' : read('bun.lockb') || read('bun.lock') ? 'bun' : 'npm';
      const wanted = ['test', 'build', 'lint', 'typecheck', 'check', 'format'];
      for (const name of wanted) {
        const command = scripts[name];
        if (command) lines.push(`${runner} ${name === 'test' ? 'test' : `run ${name}`}  (${command.slice(0, 80)})`);
      }
      if (lines.length === 0 && Object.keys(scripts).length > 0) lines.push(`package.json scripts: ${Object.keys(scripts).slice(0, 10).join(', ')}`);
    } catch {
      lines.push('package.json (not valid JSON)');
    }
  }
  const pyproject = read('pyproject.toml');
  if (pyproject || read('setup.py') || read('pytest.ini')) {
    const pytest = /pytest/.test(pyproject ?? '') || read('pytest.ini') !== null;
    lines.push(pytest ? 'pytest (Python tests)' : 'python -m unittest (no pytest configuration found)');
  }
  if (read('go.mod')) lines.push('go build ./...  and  go test ./...');
  if (read('Cargo.toml')) lines.push('cargo build  and  cargo test');
  const makefile = read('Makefile') ?? read('makefile');
  if (makefile) {
    const targets = [...makefile.matchAll(/^([A-Za-z][\w-]*):/gm)].map((m) => m[1] as string);
    const useful = targets.filter((t) => ['test', 'check', 'build', 'lint', 'all'].includes(t));
    lines.push(`make ${useful.length ? useful.join(' / ') : '(targets: ' + targets.slice(0, 8).join(', ') + ')'}`);
  }
  if (read('pom.xml')) lines.push('mvn test');
  if (read('build.gradle') || read('build.gradle.kts')) lines.push('./gradlew test');
  return lines;
}
