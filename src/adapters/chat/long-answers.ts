// Long answers ("top 150 merchants") split into messages each platform accepts: Telegram refuses a
// message over 4,096 characters; Slack shows about 4,000 characters of a message's text and a block's
// text at most 3,000, so Slack messages are kept to 3,000. Split between lines, never inside one
// unless a single line is longer than a whole message; later parts say they continue.

export const messageLimits = { telegram: 4096, slack: 3000 } as const;

const continued = '(continued)\n';

/** `text` as messages of at most `limit` characters, split between lines. */
export function splitAnswer(text: string, limit: number): string[] {
  if (text.length <= limit) return [text];
  const room = limit - continued.length;
  const parts: string[] = [];
  let current = '';
  const flush = () => {
    if (current) parts.push(current);
    current = '';
  };
  for (const whole of text.split('\n')) {
    // A line longer than a message (it should not happen) is cut, not lost.
    const pieces = whole.length > room ? (whole.match(new RegExp(`[^]{1,${room}}`, 'g')) ?? []) : [whole];
    for (const line of pieces) {
      const budget = parts.length === 0 ? limit : room;
      if (current && current.length + 1 + line.length > budget) flush();
      current = current ? `${current}\n${line}` : line;
    }
  }
  flush();
  return parts.map((part, index) => (index === 0 ? part : `${continued}${part}`));
}
