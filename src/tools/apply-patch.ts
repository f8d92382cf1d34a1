// The `apply_patch` tool: edits files with a patch in Codex's format. The engine (parse, match,
// apply all-or-nothing) is src/patch; this file only maps it to the tool seam and items.
import { z } from 'zod';
import type { ItemBody } from '../protocol/events.ts';
import { applyPatch, PatchError, patchChanges } from '../patch/index.ts';
import type { Tool, ToolContext, ToolOutcome } from './types.ts';
import { describeHookFailure } from '../hooks/runner.ts';

const schema = z.object({
  input: z.string().describe('The whole patch, from *** Begin Patch to *** End Patch.'),
});

export type ApplyPatchArgs = z.infer<typeof schema>;

const DESCRIPTION = `Edit files. A patch that fails changes nothing. Format:
*** Begin Patch
*** Add File: path/new.py
+every line of the new file
*** Delete File: path/old.py
*** Update File: path/app.py
*** Move to: path/renamed.py   (optional)
@@ def handler():   (optional: a line above the change, to locate it)
 unchanged context line
-removed line
+added line
*** End Patch
Paths are relative to the root. Each hunk line starts with " ", "-" or "+". Give about 3 unchanged lines of context around each change; several @@ hunks per file are fine.`;

function begin(args: ApplyPatchArgs): ItemBody {
  return { type: 'file_change', changes: patchChanges(args.input) };
}

async function run(args: ApplyPatchArgs, ctx: ToolContext): Promise<ToolOutcome> {
  try {
    const { changes, summary } = await applyPatch(ctx.root, visiblePathsToRelative(args.input, ctx.visibleRoot));
    // The hook gets the documented {path, kind, move_path?} (docs/hooks.md), not the diffs.
    const hookChanges = changes.map(({ path, kind, move_path }) => (move_path === undefined ? { path, kind } : { path, kind, move_path }));
    const hook = await ctx.hooks?.run('after_patch', { changes: hookChanges }, { sandbox: ctx.sandbox, cwd: ctx.root, signal: ctx.signal });
    const note = hook && !hook.ok ? `\nThe patch was applied, but ${describeHookFailure(hook)}:\n${hook.output}` : '';
    return { output: summary + note, item: { type: 'file_change', changes }, status: 'completed' };
  } catch (err) {
    // A PatchError promises nothing was written; any other error (I/O) promises nothing.
    const message = (err as Error).message;
    const output =
      err instanceof PatchError
        ? `apply_patch failed; no files were changed.\n${message}`
        : `apply_patch failed: ${message}`;
    return {
      output,
      item: { type: 'file_change', changes: patchChanges(args.input), error: message },
      status: 'failed',
    };
  }
}

export const applyPatchTool: Tool<ApplyPatchArgs> = {
  name: 'apply_patch',
  description: DESCRIPTION,
  schema,
  begin,
  run,
};

/** Patch headers naming absolute paths under the visible root (the user's path) become relative. */
function visiblePathsToRelative(patch: string, visibleRoot: string | undefined): string {
  if (!visibleRoot) return patch;
  const prefix = visibleRoot.endsWith('/') ? visibleRoot : `${visibleRoot}/`;
  return patch.replace(/^(\s*\*\*\* (?:Add File|Delete File|Update File|Move to):\s*)(\S.*)$/gim, (line, head: string, p: string) =>
    p.startsWith(prefix) ? `${head}${p.slice(prefix.length)}` : line,
  );
}
