// What in a chat is addressed to the bot, the same rule on every platform. In a private chat (a DM)
// everything is. In a group or channel only: a mention of the bot, a reply to one of its messages,
// /ask, or a sentence that is clearly a question (it ends in "?" or opens with a question word);
// "thanks 👍" and other chatter are left alone.

export interface ChatText {
  text: string;
  /** A private chat with the bot (Telegram private chat, Slack DM). */
  direct: boolean;
  /** The bot is mentioned (@bot on Telegram, <@U…> on Slack). */
  mentionsBot: boolean;
  /** A reply to one of the bot's own messages (or in a thread the bot started). */
  repliesToBot: boolean;
  /** Sent as /ask. */
  askCommand: boolean;
}

// Sentences that open with these ask for figures ("how much…", "show spend by person", "top merchants…").
const questionWords = [
  'how',
  'what',
  'which',
  'who',
  'when',
  'where',
  'show',
  'list',
  'give',
  'total',
  'top',
  'sum',
  'compare',
];
const opensWithQuestionWord = new RegExp(`^(?:${questionWords.join('|')})\\b`, 'i');

/** A sentence that asks something without being addressed: "how much…", "show spend by person", "…?". */
export function isClearQuestion(text: string): boolean {
  const sentence = text.trim();
  if (sentence.endsWith('?')) return true;
  // One or two words ("thanks", "show me") are chatter, not a question about receipts.
  return opensWithQuestionWord.test(sentence) && sentence.split(/\s+/).length >= 3;
}

export function isAddressedToBot(message: ChatText): boolean {
  return (
    message.direct || message.mentionsBot || message.repliesToBot || message.askCommand || isClearQuestion(message.text)
  );
}

/** What an admin chat is told when someone who is not an admin asks there. */
export const onlyAdminsAsk = 'Only admins can ask questions here. Ask me in a private chat about your own receipts.';

/** What /ask without a question says. */
export const askHow = 'Ask me a question after /ask, like "/ask how much did we spend last month?"';
