// The one interface both planners implement: a question and what the data holds in, a plan out
// (or the words that could not be read).
import type { QueryPlan } from './plan.ts';

export interface Vocabulary {
  categories: readonly string[];
  merchants: readonly string[];
  people: readonly { id: string; name: string }[];
  /** Words CATEGORIES adds per category ("parking" → ["car park"]), besides the built-in synonyms. */
  categoryWords?: Readonly<Record<string, readonly string[]>>;
  /** The month the fiscal year starts in, 1-12 (FISCAL_YEAR_START). */
  fiscalYearStart?: number;
}

export type Planned =
  | {
      ok: true;
      plan: QueryPlan;
      period: string | null;
      /** How a word was read tolerantly, or a limit applied ("I list at most 200"): said in the answer. */
      notes?: string[];
      /** The plan's text filter is a guess from an unknown word: answer only if receipts mention it. */
      guessedText?: boolean;
    }
  | {
      ok: false;
      unknown: string[];
      /** The closest question that can be answered, from the asker's own words. */
      suggestion?: string;
      /** Why, when it is not "these words": a name that matches nothing, say. */
      reason?: string;
    };

export interface Planner {
  readonly name: 'offline' | 'llm';
  plan(question: string, vocabulary: Vocabulary, today: Date): Promise<Planned & { planner: 'offline' | 'llm' }>;
}
