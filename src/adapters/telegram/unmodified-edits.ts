// Editing a message to the text and buttons it already shows ("message is not modified") is not an
// error: a second tap on a button, or a worker and a button showing the same state, just agree.
// Installed on every Bot API client, so that no editMessage* call needs its own check.
import type { Transformer } from 'grammy';

export const unmodifiedEditsSucceed: Transformer = async (prev, method, payload, signal) => {
  const response = await prev(method, payload, signal);
  if (
    !response.ok &&
    method.startsWith('editMessage') &&
    response.error_code === 400 &&
    response.description.includes('message is not modified')
  ) {
    // The Bot API answers a successful edit with the message, or `true` for inline messages.
    return { ok: true, result: true as never };
  }
  return response;
};
