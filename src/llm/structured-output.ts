// One structured answer from any OpenAI-compatible chat endpoint: the reply must parse as JSON and
// pass the zod schema; an invalid reply is sent back once with the problem. The caller decides what
// to do when the model is unavailable or keeps answering wrongly.
import OpenAI from 'openai';
import { zodResponseFormat } from 'openai/helpers/zod';
import type { z } from 'zod';
import type { Config } from '../config.ts';
import type { Logger } from '../logger.ts';

export type LlmSettings = Pick<NonNullable<Config['llm']>, 'apiKey' | 'baseUrl' | 'model' | 'timeoutMs'>;

/** Timeouts, 429 and 5xx are retried inside the client with exponential backoff. */
export function createLlmClient(llm: LlmSettings, maxRetries = 2): OpenAI {
  return new OpenAI({ apiKey: llm.apiKey, baseURL: llm.baseUrl, timeout: llm.timeoutMs, maxRetries });
}

export type StructuredAnswer<T> =
  | { ok: true; value: T }
  | { ok: false; reason: 'unavailable' | 'invalid'; detail: string };

export interface StructuredRequest<S extends z.ZodType> {
  client: OpenAI;
  model: string;
  messages: OpenAI.Chat.ChatCompletionMessageParam[];
  schema: S;
  /** The schema's name in the request, such as "receipt". */
  name: string;
  logger: Logger;
}

type Checked<T> = { value: T } | { problem: string };

function check<S extends z.ZodType>(schema: S, content: string | null | undefined): Checked<z.infer<S>> {
  if (!content) return { problem: 'The answer was empty.' };
  let json: unknown;
  try {
    json = JSON.parse(content);
  } catch {
    return { problem: 'The answer was not JSON.' };
  }
  const parsed = schema.safeParse(json);
  if (parsed.success) return { value: parsed.data as z.infer<S> };
  const problem = parsed.error.issues
    .slice(0, 10)
    .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
    .join('; ');
  return { problem };
}

export async function askForStructuredAnswer<S extends z.ZodType>({
  client,
  model,
  messages: initial,
  schema,
  name,
  logger,
}: StructuredRequest<S>): Promise<StructuredAnswer<z.infer<S>>> {
  const messages = [...initial];
  let detail = '';
  for (let attempt = 1; attempt <= 2; attempt++) {
    let content: string | null | undefined;
    try {
      const completion = await client.chat.completions.create({
        model,
        messages,
        temperature: 0,
        response_format: zodResponseFormat(schema, name),
      });
      content = completion.choices[0]?.message.content;
    } catch (error) {
      const status = error instanceof OpenAI.APIError ? error.status : undefined;
      logger.warn({ status, err: { message: (error as Error).message }, name }, 'language model unavailable');
      return { ok: false, reason: 'unavailable', detail: (error as Error).message };
    }
    const checked = check(schema, content);
    if ('value' in checked) return { ok: true, value: checked.value };
    detail = checked.problem;
    logger.warn({ attempt, problem: detail, name }, 'language model answer failed validation');
    messages.push(
      { role: 'assistant', content: content ?? '' },
      { role: 'user', content: `That answer is invalid: ${detail}. Answer again with only the JSON object.` },
    );
  }
  return { ok: false, reason: 'invalid', detail };
}
