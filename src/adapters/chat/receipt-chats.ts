// Which chats take receipts, the same on every platform: a private chat with the bot (a Telegram
// private chat, a Slack DM) always; a group or channel only when it is listed (TELEGRAM_RECEIPT_CHAT_IDS,
// SLACK_RECEIPT_CHANNEL_IDS). Admin chats are for questions: a photo there is not a receipt unless the
// chat is listed too. Photos anywhere else are people's own business and left alone.

export function takesReceipts(chat: { direct: boolean; id: string }, receiptChatIds: readonly string[]): boolean {
  return chat.direct || receiptChatIds.includes(chat.id);
}
