// Which reason and fix each way of having no user namespaces gets (bwrap's real messages).
import { describe, expect, it } from 'vitest';
import { explainBwrapFailure, type UsernsSettings } from '../../src/sandbox/probe-explain.ts';

const base: UsernsSettings = { maxUserNamespaces: 15000, unprivilegedUsernsClone: null, apparmorRestrict: null, isRoot: false, bwrapPath: '/usr/bin/bwrap' };
const NO_PERMS =
  "bwrap: No permissions to creating new namespace, likely because the kernel does not allow non-privileged user namespaces. On e.g. debian this can be enabled with 'sysctl kernel.unprivileged_userns_clone=1'.";

describe('explainBwrapFailure', () => {
  it('user.max_user_namespaces = 0', () => {
    const e = explainBwrapFailure(NO_PERMS, { ...base, maxUserNamespaces: 0 });
    expect(e.reason).toContain('user.max_user_namespaces = 0');
    expect(e.reason).toContain('No permissions to creating new namespace');
    expect(e.fix).toContain('sudo sysctl -w user.max_user_namespaces=15000');
    expect(e.fix).toContain('/etc/sysctl.d/');
  });

  it('Debian kernel.unprivileged_userns_clone = 0', () => {
    const e = explainBwrapFailure(NO_PERMS, { ...base, unprivilegedUsernsClone: 0 });
    expect(e.reason).toContain('kernel.unprivileged_userns_clone = 0');
    expect(e.fix).toContain('sudo sysctl -w kernel.unprivileged_userns_clone=1');
  });

  it('Ubuntu 24.04 AppArmor restriction', () => {
    const e = explainBwrapFailure('bwrap: setting up uid map: Permission denied', { ...base, apparmorRestrict: 1 });
    expect(e.reason).toContain('kernel.apparmor_restrict_unprivileged_userns = 1');
    expect(e.fix).toContain('profile bwrap /usr/bin/bwrap flags=(unconfined)');
    expect(e.fix).toContain('userns,');
    expect(e.fix).toContain('sudo apparmor_parser -r /etc/apparmor.d/bwrap');
    expect(e.fix).toContain('kernel.apparmor_restrict_unprivileged_userns=0');
  });

  it('root is not affected by the unprivileged-only switches', () => {
    const e = explainBwrapFailure(NO_PERMS, { ...base, unprivilegedUsernsClone: 0, apparmorRestrict: 1, isRoot: true });
    expect(e.reason.startsWith('user namespaces are blocked')).toBe(true);
    expect(e.fix).toContain('seccomp=unconfined');
  });

  it('anything else keeps bwrap’s words', () => {
    const e = explainBwrapFailure('bwrap: Can\'t mount proc on /newroot/proc: Device or resource busy', base);
    expect(e.reason).toBe("bwrap said: bwrap: Can't mount proc on /newroot/proc: Device or resource busy");
    expect(e.fix).toContain('bwrap --unshare-user');
  });
});
