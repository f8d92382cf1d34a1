// The macOS sandbox profile (SBPL, for `sandbox-exec -p`), the equivalent of the bwrap layout:
// deny by default; read the whole filesystem except $HOME (where only the working copy and the
// toolchains on PATH are readable); write only the copy (not in read-only mode; never its `.git`,
// where hew runs git on the host) and a private temp directory; processes may signal only their own sandbox; network limited to loopback unless allowed.
// In SBPL a later rule overrides an earlier one, so the order below matters.
// UNTESTED: there is no macOS machine in CI; only the text generation is unit-tested.

export interface SeatbeltProfileInput {
  mode: 'read-only' | 'workspace-write';
  network: boolean;
  /** Real path of the working copy. */
  copyRoot: string;
  /** Real path of the private temp directory (TMPDIR and HOME live in it). */
  tmpDir: string;
  /** Real path of the user's home, whose contents are not readable (undefined: nothing hidden). */
  home: string | undefined;
  /** Real paths under home that stay readable (toolchains). */
  readablePaths: readonly string[];
}

/** Services a command may look up: name resolution, logging, preferences, trust evaluation. */
const MACH_SERVICES = [
  'com.apple.system.opendirectoryd.libinfo',
  'com.apple.system.logger',
  'com.apple.system.notification_center',
  'com.apple.logd',
  'com.apple.cfprefsd.daemon',
  'com.apple.cfprefsd.agent',
  'com.apple.trustd.agent',
  'com.apple.lsd.mapdb',
  'com.apple.PowerManagement.control',
];
const NETWORK_MACH_SERVICES = ['com.apple.dnssd.service', 'com.apple.SystemConfiguration.DNSConfiguration', 'com.apple.SystemConfiguration.configd', 'com.apple.trustd'];

/** An SBPL string literal. */
export function sbplString(s: string): string {
  return `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

export function seatbeltProfile(p: SeatbeltProfileInput): string {
  const lines: string[] = [
    '(version 1)',
    '(deny default)',
    '(allow process-exec)',
    '(allow process-fork)',
    '(allow signal (target same-sandbox))',
    '(allow process-info* (target same-sandbox))',
    '(allow sysctl-read)',
    '(allow pseudo-tty)',
    '(allow ipc-posix-sem)',
    '(allow ipc-posix-shm-read* ipc-posix-shm-write-data ipc-posix-shm-write-create)',
    `(allow mach-lookup ${MACH_SERVICES.map((s) => `(global-name ${sbplString(s)})`).join(' ')})`,
    '(allow file-read*)',
  ];
  if (p.home !== undefined) {
    lines.push(`(deny file-read* (subpath ${sbplString(p.home)}))`, `(allow file-read-metadata (literal ${sbplString(p.home)}))`);
    const readable = [p.copyRoot, p.tmpDir, ...p.readablePaths].map((d) => `(subpath ${sbplString(d)})`);
    lines.push(`(allow file-read* ${readable.join(' ')})`);
  }
  const writable = [`(subpath ${sbplString(p.tmpDir)})`];
  if (p.mode === 'workspace-write') writable.unshift(`(subpath ${sbplString(p.copyRoot)})`);
  writable.push('(literal "/dev/null")', '(literal "/dev/zero")', '(literal "/dev/dtracehelper")', '(regex #"^/dev/fd/")', '(regex #"^/dev/tty")');
  lines.push(`(allow file-write* ${writable.join(' ')})`, '(allow file-ioctl (literal "/dev/null") (literal "/dev/zero") (regex #"^/dev/tty"))');
  // After the allow, so it wins: the copy's git directory (and the name itself: no rename, no replacement).
  const copyGit = `${p.copyRoot}/.git`;
  lines.push(`(deny file-write* (literal ${sbplString(copyGit)}) (subpath ${sbplString(copyGit)}))`);
  if (p.network) {
    lines.push('(allow network*)', '(allow system-socket)', `(allow mach-lookup ${NETWORK_MACH_SERVICES.map((s) => `(global-name ${sbplString(s)})`).join(' ')})`);
  } else {
    lines.push(
      '(allow network-bind (local ip "localhost:*"))',
      '(allow network-inbound (local ip "localhost:*"))',
      '(allow network-outbound (remote ip "localhost:*"))',
    );
  }
  return `${lines.join('\n')}\n`;
}
