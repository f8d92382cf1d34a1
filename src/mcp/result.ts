// What the model reads of an MCP tool result: text joined, structured content as JSON, images and
// other binary content described, capped like shell output.
import { capOutput } from '../sandbox/output-cap.ts';

interface ContentBlock {
  type?: string;
  text?: string;
  data?: string;
  mimeType?: string;
  resource?: { uri?: string; text?: string; mimeType?: string };
  uri?: string;
  name?: string;
}

function describeBlock(block: ContentBlock): string {
  switch (block.type) {
    case 'text':
      return block.text ?? '';
    case 'image':
    case 'audio': {
      const bytes = block.data ? Buffer.byteLength(block.data, 'base64') : 0;
      return `[${block.type}: ${block.mimeType ?? 'unknown type'}, ${bytes} bytes]`;
    }
    case 'resource':
      return block.resource?.text ?? `[resource: ${block.resource?.uri ?? 'unknown'}]`;
    case 'resource_link':
      return `[resource link: ${block.uri ?? block.name ?? 'unknown'}]`;
    default:
      return JSON.stringify(block);
  }
}

/** The output text for a `callTool` result (content blocks, then structured content). */
export function formatToolResult(result: { content?: unknown; structuredContent?: unknown; toolResult?: unknown }): string {
  const parts: string[] = [];
  if (Array.isArray(result.content)) parts.push(...(result.content as ContentBlock[]).map(describeBlock));
  if (result.structuredContent !== undefined) {
    const json = JSON.stringify(result.structuredContent);
    if (!parts.includes(json)) parts.push(json);
  }
  if (parts.length === 0 && result.toolResult !== undefined) parts.push(JSON.stringify(result.toolResult));
  return capOutput(parts.join('\n'));
}
