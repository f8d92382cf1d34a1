// The session header, printed once at the top of the transcript: where hew works and how it is
// confined. Paths wrap inside the box rather than widening it.
import { Box, Text } from 'ink';
import type { SessionInfo } from '../../protocol/interactive.ts';
import { shortenHome } from '../format.ts';
import { theme } from '../theme.ts';

function Row({ label, value }: { label: string; value: string }) {
  return (
    <Box>
      <Box width={10} flexShrink={0}>
        <Text dimColor>{label}</Text>
      </Box>
      <Box flexGrow={1} flexShrink={1}>
        <Text>{value}</Text>
      </Box>
    </Box>
  );
}

export function Header({ info }: { info: SessionInfo }) {
  const network = info.network ? 'network on' : 'network off';
  return (
    <Box flexDirection="column" borderStyle="round" borderColor={theme.muted} paddingX={1}>
      <Text>
        <Text bold color={theme.accent}>
          hew
        </Text>
        <Text> {info.model}</Text>
        <Text dimColor> ({info.provider})</Text>
      </Text>
      <Row label="repo" value={shortenHome(info.repo)} />
      <Row label="copy" value={shortenHome(info.workingCopy)} />
      <Row label="sandbox" value={`${info.sandbox} · ${network}`} />
      <Row label="approval" value={info.approval} />
      {info.projectDocs.length > 0 ? <Row label="docs" value={info.projectDocs.join(', ')} /> : null}
    </Box>
  );
}
