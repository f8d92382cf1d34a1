// A provider's base URL as it may be shown to the user, the model or a log: no user name or password
// (`https://user:key@host`), no query (`?api-key=…`) and no fragment, which can hold a secret. What is
// left — scheme, host, port, path — is what the user needs to see which server was meant.

/** `https://u:p@h:8/v1/?key=x` → `https://h:8/v1`. Text that is not a URL loses anything after `?`/`#` and before `@`. */
export function displayURL(url: string): string {
  try {
    const u = new URL(url);
    if (!u.host) throw new Error('no host'); // `user:secret@host` parses as scheme "user:"
    u.username = '';
    u.password = '';
    u.search = '';
    u.hash = '';
    return u.toString().replace(/\/+$/, '');
  } catch {
    return url.replace(/[?#].*$/s, '').replace(/^([a-z][a-z0-9+.-]*:\/\/)?[^/]*@/i, '$1');
  }
}

/** Every URL in `text` with its credentials and query removed (error texts from fetch can quote the request URL). */
export function scrubURLs(text: string): string {
  return text.replace(/\b[a-z][a-z0-9+.-]*:\/\/[^\s"'<>]+/gi, (m) => displayURL(m));
}
