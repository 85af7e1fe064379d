// Requests as Slack sends them to the service's /slack/events, signed with the signing secret: event
// callbacks (a shared file), interactions (a button press, a modal submitted) and slash commands.
import { signSlackRequest } from '../fakes/slack-server.ts';

let clock = 1_790_000_000;
let eventCounter = 0;

/** A Slack message ts, fresh each call. */
export const nextTs = () => `${clock++}.000001`;

export interface SlackRequests {
  event(event: Record<string, unknown>): Promise<Response>;
  interaction(payload: Record<string, unknown>): Promise<Response>;
  /** Presses a Block Kit button on the message `ts` of `channel`. */
  press(user: string, channel: string, ts: string, actionId: string, value: string): Promise<Response>;
  /** Submits the modal `callbackId` with its private_metadata and input values. */
  submitModal(
    user: string,
    callbackId: string,
    privateMetadata: string,
    values: Record<string, Record<string, unknown>>,
  ): Promise<Response>;
  /** A slash command; resolves with the app's immediate (acknowledged) answer. */
  command(
    command: string,
    user: string,
    channel: string,
    text?: string,
  ): Promise<{ response_type: string; text: string }>;
}

export function slackRequests(serviceUrl: string, signingSecret: string): SlackRequests {
  const post = (body: string, contentType: string) =>
    fetch(`${serviceUrl}/slack/events`, {
      method: 'POST',
      body,
      headers: { 'content-type': contentType, ...signSlackRequest(signingSecret, body) },
    });
  const form = (fields: Record<string, string>) =>
    post(new URLSearchParams(fields).toString(), 'application/x-www-form-urlencoded');
  const interaction = (payload: Record<string, unknown>) => form({ payload: JSON.stringify(payload) });

  return {
    event: (event) =>
      post(
        JSON.stringify({
          token: 'verification-token',
          team_id: 'T1',
          api_app_id: 'A1',
          type: 'event_callback',
          event_id: `Ev${++eventCounter}`,
          event_time: Math.floor(Date.now() / 1000),
          event,
        }),
        'application/json',
      ),
    interaction,
    press: (user, channel, ts, actionId, value) =>
      interaction({
        type: 'block_actions',
        user: { id: user, username: user, team_id: 'T1' },
        api_app_id: 'A1',
        token: 'verification-token',
        team: { id: 'T1', domain: 'acme' },
        channel: { id: channel, name: channel },
        container: { type: 'message', message_ts: ts, channel_id: channel, is_ephemeral: false },
        message: { type: 'message', ts, text: '…' },
        trigger_id: `trigger-${clock++}`,
        response_url: 'http://127.0.0.1:9/response',
        actions: [{ type: 'button', action_id: actionId, block_id: 'actions', value, action_ts: String(clock) }],
      }),
    submitModal: (user, callbackId, privateMetadata, values) =>
      interaction({
        type: 'view_submission',
        user: { id: user },
        team: { id: 'T1' },
        api_app_id: 'A1',
        token: 'verification-token',
        trigger_id: `trigger-${clock++}`,
        view: {
          id: 'V1',
          type: 'modal',
          callback_id: callbackId,
          private_metadata: privateMetadata,
          state: { values },
        },
      }),
    async command(command, user, channel, text = '') {
      const response = await form({
        command,
        text,
        user_id: user,
        user_name: user.toLowerCase(),
        channel_id: channel,
        team_id: 'T1',
        api_app_id: 'A1',
        token: 'verification-token',
        trigger_id: `trigger-${clock++}`,
        response_url: 'http://127.0.0.1:9/response',
      });
      return (await response.json()) as { response_type: string; text: string };
    },
  };
}

/** A file shared in `channel` (a DM when it starts with D), as the message event Slack sends. */
export function fileShareEvent(user: string, channel: string, file: { id: string; url: string; size: number }) {
  const ts = nextTs();
  return {
    ts,
    event: {
      type: 'message',
      subtype: 'file_share',
      channel,
      channel_type: channel.startsWith('D') ? 'im' : 'channel',
      user,
      ts,
      text: '',
      files: [
        {
          id: file.id,
          name: `${file.id}.jpg`,
          mimetype: 'image/jpeg',
          size: file.size,
          url_private: file.url,
          url_private_download: file.url,
        },
      ],
    },
  };
}
