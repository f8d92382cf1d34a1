// Turning a failed bwrap probe into a reason and an exact fix. The common cause is that user
// namespaces are off: `user.max_user_namespaces = 0`, Debian's old `kernel.unprivileged_userns_clone
// = 0`, Ubuntu 24.04's AppArmor restriction (`kernel.apparmor_restrict_unprivileged_userns = 1`), or a
// container's seccomp profile. The sysctls are read only when the probe has failed.
import { readFileSync } from 'node:fs';

export interface UsernsSettings {
  /** /proc/sys/user/max_user_namespaces */
  maxUserNamespaces: number | null;
  /** /proc/sys/kernel/unprivileged_userns_clone (Debian and older Ubuntu kernels) */
  unprivilegedUsernsClone: number | null;
  /** /proc/sys/kernel/apparmor_restrict_unprivileged_userns (Ubuntu 23.10+) */
  apparmorRestrict: number | null;
  isRoot: boolean;
  bwrapPath: string;
}

function readNumber(file: string): number | null {
  try {
    const n = Number(readFileSync(file, 'utf8').trim());
    return Number.isFinite(n) ? n : null;
  } catch {
    return null;
  }
}

export function readUsernsSettings(bwrapPath = '/usr/bin/bwrap'): UsernsSettings {
  return {
    maxUserNamespaces: readNumber('/proc/sys/user/max_user_namespaces'),
    unprivilegedUsernsClone: readNumber('/proc/sys/kernel/unprivileged_userns_clone'),
    apparmorRestrict: readNumber('/proc/sys/kernel/apparmor_restrict_unprivileged_userns'),
    isRoot: process.getuid?.() === 0,
    bwrapPath,
  };
}

/** A sysctl change now and on every boot. */
function sysctlFix(key: string, value: string): string {
  return `\`sudo sysctl -w ${key}=${value}\`, and to keep it after a reboot: \`echo '${key} = ${value}' | sudo tee /etc/sysctl.d/60-hew-userns.conf\``;
}

function apparmorFix(bwrapPath: string): string {
  const profile = `abi <abi/4.0>,\\ninclude <tunables/global>\\nprofile bwrap ${bwrapPath} flags=(unconfined) {\\n  userns,\\n  include if exists <local/bwrap>\\n}\\n`;
  return (
    `allow bwrap to create user namespaces with an AppArmor profile: ` +
    `\`printf '${profile}' | sudo tee /etc/apparmor.d/bwrap && sudo apparmor_parser -r /etc/apparmor.d/bwrap\`` +
    ` (or lift the restriction for every program: ${sysctlFix('kernel.apparmor_restrict_unprivileged_userns', '0')})`
  );
}

export function explainBwrapFailure(stderr: string, s: UsernsSettings): { reason: string; fix: string } {
  const said = stderr.replace(/\s+/g, ' ').trim();
  if (s.maxUserNamespaces === 0) {
    return { reason: `user namespaces are disabled (user.max_user_namespaces = 0); bwrap said: ${said}`, fix: sysctlFix('user.max_user_namespaces', '15000') };
  }
  if (!s.isRoot && s.unprivilegedUsernsClone === 0) {
    return {
      reason: `unprivileged user namespaces are disabled (kernel.unprivileged_userns_clone = 0); bwrap said: ${said}`,
      fix: sysctlFix('kernel.unprivileged_userns_clone', '1'),
    };
  }
  if (!s.isRoot && s.apparmorRestrict === 1 && /uid map|namespace|permission denied|not permitted/i.test(stderr)) {
    return {
      reason: `AppArmor restricts unprivileged user namespaces (kernel.apparmor_restrict_unprivileged_userns = 1, Ubuntu 23.10+); bwrap said: ${said}`,
      fix: apparmorFix(s.bwrapPath),
    };
  }
  if (/max_\*_namespaces|ENOSPC|nesting depth/i.test(stderr)) {
    return { reason: `no more user namespaces may be created (a limit, or nesting inside another sandbox); bwrap said: ${said}`, fix: `raise the limit: ${sysctlFix('user.max_user_namespaces', '15000')}; inside another sandbox or container, run hew outside it` };
  }
  if (/creat(e|ing) new namespace|uid map|setting up (uid|gid)|Operation not permitted|Permission denied/i.test(stderr)) {
    return {
      reason: `user namespaces are blocked (typically a container's seccomp/AppArmor profile, or a security module); bwrap said: ${said}`,
      fix: 'run hew on the host, or allow user namespaces in the container (e.g. `docker run --security-opt seccomp=unconfined --security-opt apparmor=unconfined`)',
    };
  }
  return { reason: `bwrap said: ${said}`, fix: 'try `bwrap --unshare-user --unshare-net --ro-bind / / true` to see the error, and check that bwrap is not broken or a wrapper' };
}
