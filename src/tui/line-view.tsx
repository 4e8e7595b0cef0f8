import { Box, Text } from 'ink';
import type { Line, Tone } from './lines.js';

const STYLE: Record<Tone, { color?: string; bold?: boolean; dimColor?: boolean }> = {
  plain: {},
  dim: { dimColor: true },
  heading: { bold: true },
  formula: { color: 'cyan' },
  ok: { color: 'green' },
  bad: { color: 'red' },
  warn: { color: 'yellow' },
  accent: { color: 'blueBright', bold: true },
};

/** Draws pre-laid-out lines; each is cut at the terminal edge (the screens already wrap what must wrap). */
export function LineView({ lines }: { readonly lines: readonly Line[] }) {
  return (
    <Box flexDirection="column">
      {lines.map((l, i) => (
        <Text key={i} wrap="truncate-end" {...STYLE[l.tone]}>
          {l.text === '' ? ' ' : l.text}
        </Text>
      ))}
    </Box>
  );
}
