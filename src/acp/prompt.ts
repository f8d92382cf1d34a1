// A session/prompt's content blocks → the text hew's controller takes (what a person types in the
// TUI). Text is taken as it is; a link to a file of the repository becomes `@path` (the TUI's
// mention, which the model reads with read_file); a file the editor embeds is appended as a
// `<file path="…">` block, bounded like piped stdin; other links stay as their URI. hew advertises
// neither images nor audio: those, and binary (blob) resources, are refused with -32602.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { RequestError } from '@agentclientprotocol/sdk';
import type * as acp from '@agentclientprotocol/sdk';
import { isInside } from '../fs/repo-file.ts';
import { quotePath } from '../workcopy/path-bytes.ts';

/** Bytes of embedded file text a prompt carries at most (as piped stdin: a large file fits, a runaway one does not fill the context). */
export const EMBEDDED_MAX_BYTES = 256 * 1024;

/** The absolute file path a link names: `file://…`, or an editor link with a `path` parameter (`zed://…?path=/abs`); null otherwise. */
function filePathOf(uri: string): string | null {
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return path.isAbsolute(uri) ? uri : null;
  }
  if (url.protocol === 'file:') {
    try {
      return fileURLToPath(url);
    } catch {
      return null;
    }
  }
  const param = url.searchParams.get('path');
  return param !== null && path.isAbsolute(param) ? param : null;
}

/** The repository-relative path a link names, or null when it is not a file of the repository. */
function repoRelative(uri: string, repo: string): string | null {
  const file = filePathOf(uri);
  if (file === null) return null;
  const full = path.resolve(file);
  if (!isInside(repo, full) || full === path.resolve(repo)) return null;
  return path.relative(repo, full).split(path.sep).join('/');
}

/** The TUI's mention of a repository file: `@` and the path's display form (workcopy/path-bytes.ts quotePath). */
function mention(rel: string): string {
  return `@${quotePath(rel)}`;
}

function refused(kind: string): RequestError {
  return RequestError.invalidParams({ type: kind }, `hew takes text, links to files and embedded text files, not ${kind}`);
}

/** Joins inline pieces, with a space where a mention would otherwise touch a word. */
function joinInline(parts: string[]): string {
  let out = '';
  for (const part of parts) {
    if (out !== '' && part !== '' && !/\s$/.test(out) && !/^\s/.test(part)) out += ' ';
    out += part;
  }
  return out;
}

/** `text` cut to `room` UTF-8 bytes (never inside a character). */
function cutToBytes(text: string, room: number): string {
  const buf = Buffer.from(text, 'utf8');
  if (buf.length <= room) return text;
  return buf.subarray(0, room).toString('utf8').replace(/\uFFFD$/, '');
}

/** The prompt text for `blocks`; a RequestError (-32602) for a block hew does not take. */
export function promptText(blocks: acp.ContentBlock[], repo: string): string {
  const inline: string[] = [];
  const files: string[] = [];
  let room = EMBEDDED_MAX_BYTES;
  for (const block of blocks) {
    switch (block.type) {
      case 'text':
        inline.push(block.text);
        break;
      case 'resource_link': {
        const rel = repoRelative(block.uri, repo);
        inline.push(rel !== null ? mention(rel) : block.uri);
        break;
      }
      case 'resource': {
        const res = block.resource;
        if (!('text' in res)) throw refused('binary resources');
        const name = repoRelative(res.uri, repo) ?? res.uri;
        const text = cutToBytes(res.text, room);
        const left = Buffer.byteLength(res.text, 'utf8') - Buffer.byteLength(text, 'utf8');
        room -= Buffer.byteLength(text, 'utf8');
        const note = left > 0 ? `\n(cut: ${left} more bytes left out; read the file for the rest)` : '';
        files.push(`<file path=${JSON.stringify(name)}>\n${text}${text.endsWith('\n') || text === '' ? '' : '\n'}</file>${note}`);
        break;
      }
      case 'image':
        throw refused('images');
      case 'audio':
        throw refused('audio');
      default:
        throw refused(`content of type ${JSON.stringify((block as { type?: unknown }).type)}`);
    }
  }
  return [joinInline(inline), ...files].filter((p) => p !== '').join('\n\n');
}
