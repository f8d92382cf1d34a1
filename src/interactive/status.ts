// The text of `/status` and `/plan`: plain lines the view shows as an info notice.
import type { PlanEntry } from '../protocol/events.ts';
import type { Usage } from '../protocol/usage.ts';
import type { Sandbox } from '../sandbox/types.ts';
import type { SessionInfo } from '../protocol/interactive.ts';

export interface StatusFacts {
  info: SessionInfo;
  /** The sandbox actually in use, once the working copy is ready. */
  sandbox: Sandbox | null;
  usage: Usage;
  steps: number;
  maxSteps?: number;
  filesChanged: number;
  rules: string[];
  /** Denied prefixes ("always deny"), as words. */
  denied: string[];
  state: 'idle' | 'running' | 'discarded';
}

export function statusLines(f: StatusFacts): string[] {
  const { info } = f;
  const sandbox = f.sandbox
    ? f.sandbox.kind === 'none'
      ? f.sandbox.mode === 'danger-full-access'
        ? 'danger-full-access (no sandbox)'
        : `${f.sandbox.mode}, but no usable sandbox: every command asks (see \`hew doctor\`)`
      : `${f.sandbox.mode} (${f.sandbox.kind})`
    : `${info.sandbox} (the copy is being made)`;
  const cached = f.usage.cached_input_tokens ? `, ${f.usage.cached_input_tokens} cached` : '';
  return [
    `run          ${info.runId}${f.state === 'discarded' ? ' (working copy discarded)' : ''}`,
    `repository   ${info.repo}`,
    `working copy ${info.workingCopy}`,
    `model        ${info.model} (${info.provider})`,
    `sandbox      ${sandbox}; network ${info.network ? 'on' : 'off'}`,
    `approval     ${info.approval}${f.rules.length ? `; always allowed: ${f.rules.join(', ')}` : ''}${f.denied.length ? `; always denied: ${f.denied.join(', ')}` : ''}`,
    `tokens       ${f.usage.input_tokens} in${cached} / ${f.usage.output_tokens} out`,
    `steps        ${f.steps}${f.maxSteps !== undefined ? ` of ${f.maxSteps}` : ''}`,
    `files        ${f.filesChanged} changed`,
    `state        ${f.state === 'running' ? 'a turn is running' : f.state === 'discarded' ? 'discarded; /new starts again' : 'waiting for a prompt'}`,
  ];
}

export function planLines(plan: { items: PlanEntry[]; explanation?: string } | null): string[] {
  if (!plan || plan.items.length === 0) return ['no plan yet'];
  const mark = (s: PlanEntry['status']): string => (s === 'completed' ? '[x]' : s === 'in_progress' ? '[>]' : '[ ]');
  return [...(plan.explanation ? [plan.explanation] : []), ...plan.items.map((p) => `${mark(p.status)} ${p.text}`)];
}
