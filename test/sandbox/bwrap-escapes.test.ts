// Escape attempts against the real bubblewrap sandbox, as root (how the suite runs) and as the
// ordinary user nobody (the same bwrap argv under setpriv). Each one must fail, or must not reach the
// host; every assertion checks the host side too.
import { chmodSync, existsSync, readdirSync, readFileSync, symlinkSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareBwrap, type BwrapOptions } from '../../src/sandbox/bwrap.ts';
import { makeRunner, makeWorld, NOBODY, SECRET, worldEnv, type RunAs, type Runner, type World } from './bwrap-fixture.ts';

const rand = (): string => Math.random().toString(36).slice(2, 10);

describe.each<RunAs>(['root', 'nobody'])('bwrap sandbox escapes, as %s', (as) => {
  let w: World;
  let sb: Runner;
  let opts: BwrapOptions;
  beforeAll(() => {
    if (as === 'root') expect(process.getuid?.()).toBe(0); // the suite runs as root; the nobody half uses setpriv
    w = makeWorld(as);
    opts = { mode: 'workspace-write', network: false, copyRoot: w.copy, visibleRoot: w.repo, env: worldEnv(w) };
    sb = makeRunner(as, opts);
  });
  afterAll(() => w.cleanup());

  it('runs as the expected user with no capabilities at all', async () => {
    const r = await sb.run({ command: 'id -u; grep -E "^Cap(Eff|Prm|Bnd)" /proc/self/status', cwd: w.copy });
    expect(r.exitCode).toBe(0);
    expect(r.output.split('\n')[0]).toBe(as === 'root' ? '0' : String(NOBODY));
    expect(r.output).toMatch(/CapEff:\s+0000000000000000/);
    expect(r.output).toMatch(/CapPrm:\s+0000000000000000/);
    expect(r.output).toMatch(/CapBnd:\s+0000000000000000/);
  });

  it('cannot remount / read-write or mount anything, not even from a nested user namespace', async () => {
    const r = await sb.run({
      command:
        'mount -o remount,rw / && echo REMOUNTED; mount -t tmpfs none /mnt && echo MOUNTED; ' +
        'unshare -rm sh -c "mount -o remount,rw / && touch /etc/hew-nested && echo NESTED"; ' +
        'touch /etc/hew-after 2>/dev/null && echo WROTE; echo done',
      cwd: w.copy,
    });
    expect(r.output).toContain('done');
    expect(r.output).not.toMatch(/REMOUNTED|MOUNTED|NESTED|WROTE/);
    expect(existsSync('/etc/hew-nested')).toBe(false);
    expect(existsSync('/etc/hew-after')).toBe(false);
  });

  it('cannot write /etc, /usr, or a host directory that is writable outside the sandbox', async () => {
    const name = `hew-escape-${rand()}`;
    const r = await sb.run({
      command: `for d in /etc /usr /usr/local/bin ${w.outside}; do echo x > "$d/${name}" && echo "WROTE $d"; done; echo done`,
      cwd: w.copy,
    });
    expect(r.output).toContain('done');
    expect(r.output).not.toContain('WROTE');
    expect(r.output).toContain('Read-only file system');
    for (const d of ['/etc', '/usr', '/usr/local/bin', w.outside]) expect(existsSync(path.join(d, name))).toBe(false);
  });

  it('writes through .. or to /tmp paths never reach the host', async () => {
    const name = `hew-escape-${rand()}`;
    const r = await sb.run({
      command: `echo x > ../${name}; echo x > ../../${name}; echo x > /tmp/${name}; echo x > ${w.base}/${name}; echo x > ${w.copy}/${name}; echo done`,
      cwd: w.copy, // the top of the copy: `..` leaves it
    });
    expect(r.output).toContain('done');
    for (const d of [w.repo, w.base, '/tmp', w.copy, path.dirname(w.copy)]) expect(existsSync(path.join(d, name))).toBe(false);
  });

  it('symlinks planted in the copy cannot reach the user repo, /etc or a writable host directory', async () => {
    const tag = rand();
    symlinkSync(w.repo, path.join(w.copy, `to-repo-${tag}`));
    symlinkSync('/etc', path.join(w.copy, `to-etc-${tag}`));
    symlinkSync(w.outside, path.join(w.copy, `to-outside-${tag}`));
    symlinkSync(w.base, path.join(w.copy, `to-base-${tag}`));
    const r = await sb.run({
      command:
        `echo planted > to-repo-${tag}/planted-${tag}.txt; echo x > to-etc-${tag}/hew-${tag} || echo ETC-DENIED; ` +
        `echo x > to-outside-${tag}/hew-${tag} || echo OUTSIDE-DENIED; echo x > to-base-${tag}/hew-${tag}; echo done`,
      cwd: w.copy,
    });
    expect(r.output).toContain('done');
    expect(r.output).toContain('ETC-DENIED');
    expect(r.output).toContain('OUTSIDE-DENIED');
    expect(existsSync(path.join(w.repo, `planted-${tag}.txt`))).toBe(false);
    expect(existsSync(`/etc/hew-${tag}`)).toBe(false);
    expect(existsSync(path.join(w.outside, `hew-${tag}`))).toBe(false);
    expect(existsSync(path.join(w.base, `hew-${tag}`))).toBe(false);
    // The symlink to the repository's path resolves to the copy shown there.
    expect(readFileSync(path.join(w.copy, `planted-${tag}.txt`), 'utf8')).toBe('planted\n');
  });

  it('shows the copy at the user repository path, never the user files behind it', async () => {
    const r = await sb.run({ command: `pwd; cat ${w.repo}/f.txt; echo new > ${w.repo}/made.txt`, cwd: path.join(w.copy, 'sub') });
    expect(r.exitCode).toBe(0);
    expect(r.output).toBe(`${w.repo}/sub\ncopy\n`);
    expect(existsSync(path.join(w.repo, 'made.txt'))).toBe(false);
    expect(readFileSync(path.join(w.copy, 'made.txt'), 'utf8')).toBe('new\n');
  });

  it('cannot read secrets in the host HOME, and HOME is empty and private', async () => {
    const r = await sb.run({
      command: `echo "HOME=$HOME"; ls -A ~ | wc -l; cat ~/.ssh/id_rsa; cat ${w.home}/.ssh/id_rsa; echo mine > ~/note; echo done`,
      cwd: w.copy,
    });
    expect(r.output).toContain(`HOME=${w.home}\n0\n`);
    expect(r.output).toContain('done');
    expect(r.output).not.toContain(SECRET);
    expect(existsSync(path.join(w.home, 'note'))).toBe(false);
  });

  it('cannot see the real /root (and, as root, /etc/shadow)', async () => {
    const r = await sb.run({ command: 'ls -A /root; echo ---; head -c 40 /etc/shadow && echo READ-SHADOW; echo done', cwd: w.copy });
    expect(r.output).toContain('done');
    expect(r.output).not.toContain('READ-SHADOW');
    const visible = r.output.split('---')[0]!.split('\n').filter(Boolean);
    // Only the first components of re-exposed toolchains may appear (root's node lives under /root/.cache).
    const allowed = prepareBwrap(opts).layout.exposed.filter((p) => p.startsWith('/root/')).map((p) => p.split('/')[2]);
    for (const name of visible) expect(allowed).toContain(name);
    const hidden = readdirSync('/root').filter((name) => !allowed.includes(name));
    expect(hidden.length).toBeGreaterThan(0);
    for (const name of hidden) expect(visible).not.toContain(name);
  });

  it('does not pass provider keys or other secrets in the environment', async () => {
    const r = await sb.run({ command: 'env', cwd: w.copy });
    expect(r.exitCode).toBe(0);
    expect(r.output).toContain('MY_VAR=visible\n');
    expect(r.output).toContain('PAGER=cat\n');
    expect(r.output).not.toMatch(/leak-|FOO_API_KEY|OPENAI_API_KEY|GITHUB_TOKEN|SSH_AUTH_SOCK/);
  });

  it('cannot see or signal host processes, hew included', async () => {
    const r = await sb.run({ command: `kill -9 ${process.pid}; echo "kill=$?"; kill -0 ${process.ppid}; echo "kill0=$?"; ls /proc | grep -c '^[0-9]'`, cwd: w.copy });
    expect(r.output).toContain('kill=1');
    expect(r.output).toContain('kill0=1');
    expect(r.output).toContain('No such process');
    const count = Number(r.output.trim().split('\n').at(-1));
    expect(count).toBeLessThan(8); // bwrap's init, bash, ls, grep: not the host's hundreds
    expect(process.pid).toBeGreaterThan(0); // still here to assert
  });

  it('cannot connect to unix sockets in hidden places (docker.sock, agents under /run), with or without network', async () => {
    const sock = `/run/hew-sbx-${rand()}.sock`;
    const server = createServer((c) => c.end('socket-reply'));
    await new Promise<void>((resolve) => server.listen(sock, resolve));
    chmodSync(sock, 0o777);
    try {
      const cmd = `curl -sS --max-time 3 --unix-socket ${sock} http://x/ ; echo "curl=$?"; ls -A /run | wc -l`;
      const r = await sb.run({ command: cmd, cwd: w.copy });
      const n = await sb.run({ command: cmd, cwd: w.copy, network: true });
      for (const out of [r.output, n.output]) {
        expect(out).not.toContain('socket-reply');
        expect(out).toMatch(/curl=7\n0\n$/); // /run is an empty tmpfs inside
      }
    } finally {
      server.close();
    }
  });

  it('read-only mode cannot write the copy', async () => {
    const ro = makeRunner(as, { ...opts, mode: 'read-only' });
    const r = await ro.run({ command: 'cat f.txt; echo changed > f.txt; touch new.txt; echo x > /tmp/ok && echo TMP-OK', cwd: w.copy });
    expect(r.output).toContain('copy\n');
    expect(r.output).toContain('Read-only file system');
    expect(r.output).toContain('TMP-OK');
    expect(readFileSync(path.join(w.copy, 'f.txt'), 'utf8')).toBe('copy\n');
    expect(existsSync(path.join(w.copy, 'new.txt'))).toBe(false);
  });
});
