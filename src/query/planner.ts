// The one interface both planners implement: a question and what the data holds in, a plan out
// (or the words that could not be read).
import type { QueryPlan } from './plan.ts';

export interface Vocabulary {
  categories: readonly string[];
  merchants: readonly string[];
  people: readonly { id: string; name: string }[];
}

export type Planned = { ok: true; plan: QueryPlan; period: string | null } | { ok: false; unknown: string[] };

export interface Planner {
  readonly name: 'offline' | 'llm';
  plan(question: string, vocabulary: Vocabulary, today: Date): Promise<Planned & { planner: 'offline' | 'llm' }>;
}
