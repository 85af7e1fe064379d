// The seam between the chats and the query agent: a question in, an answer for the chat out.
import type { User } from '../generated/prisma/client.ts';

export interface Question {
  text: string;
  asker: User;
  /** everyone: asked in an admin chat or by an admin; own: only the asker's receipts count. */
  scope: 'everyone' | 'own';
  today?: Date;
}

export interface QueryAnswer {
  /** The figure first, then a short table; plain text. */
  text: string;
  /** For machines (`ask --json`): the plan, the rows, and the headline figure of a one-figure answer. */
  data?: { plan: unknown; rows: unknown[]; value: string | null; currency: string | null };
  /** A chart worth sending along, as a PNG. */
  chart?: { png: Buffer; title: string };
}

export interface QueryAgent {
  answer(question: Question): Promise<QueryAnswer>;
}

/** An answer for machines (`ask --json`, `POST /api/ask`): the text, the headline figure, the rows and the plan. */
export function answerJson(answer: QueryAnswer) {
  const { plan = null, rows = [], value = null, currency = null } = answer.data ?? {};
  return { answer: answer.text, value, currency, rows, plan };
}
