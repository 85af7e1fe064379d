// The query agent: a question in plain language, planned (offline planner), run read-only, answered
// with the figure first, a short table and what was counted. Every question is logged with its plan,
// answer and duration. Employees (scope own) only ever count their own receipts.
import type { PrismaClient } from '../db/client.ts';
import type { Logger } from '../logger.ts';
import type { QueryAgent, QueryAnswer } from './agent.ts';
import { answerApprovalQuestion } from './approval-questions.ts';
import { executePlan, type QueryResult, textMentioned } from './execute.ts';
import { chartTitle, describePlan, formatAnswer } from './format.ts';
import { type FxRate, type FxTable, ratesInForce } from './fx.ts';
import { createOfflinePlanner, exampleQuestions } from './offline-planner.ts';
import type { QueryPlan } from './plan.ts';
import type { Planner, Vocabulary } from './planner.ts';

export interface QueryAgentDependencies {
  prisma: PrismaClient;
  categories: readonly string[];
  /** Words CATEGORIES adds per category, besides the built-in synonyms. */
  categoryWords?: Readonly<Record<string, readonly string[]>>;
  /** The month fiscal years start in, 1-12 (FISCAL_YEAR_START; default January). */
  fiscalYearStart?: number;
  /** Default: the offline planner. */
  planner?: Planner;
  /** Draw charts (default); false for callers that show none (`ask`), which then never load the renderer. */
  charts?: boolean;
  /** Rates to report in one currency; without them amounts stay per currency. */
  fx?: FxTable;
  logger: Logger;
}

/** Merchants and people change slowly; reading them once a minute keeps questions fast. */
const vocabularyTtlMs = 60_000;

/** A declined question: which words were not understood and why, and the closest question that can be answered. */
export function notUnderstood(unknown: string[], options: { suggestion?: string; reason?: string } = {}): string {
  const words = unknown
    .slice(0, 5)
    .map((word) => `"${word}"`)
    .join(', ');
  const why = options.reason ? ` (${options.reason})` : '';
  return [
    `Sorry, I do not understand ${words || 'that'}${why}, so I would rather not guess a number.`,
    options.suggestion
      ? `I can answer: "${options.suggestion}"`
      : `Try: "${exampleQuestions[0]}" or "${exampleQuestions[1]}"`,
  ].join('\n');
}

/** The one figure of an answer without groups, in one currency; null otherwise. */
function headline(result: QueryResult, plan: QueryPlan): { value: string | null; currency: string | null } {
  if (result.kind !== 'groups' || plan.groupBy !== null || result.rows.length > 1)
    return { value: null, currency: null };
  if (result.rows.length === 0) {
    return { value: plan.measure === 'count' ? '0' : plan.measure === 'total' ? '0.00' : null, currency: null };
  }
  const [row] = result.rows;
  return { value: row!.value, currency: plan.measure === 'count' ? null : row!.currency };
}

/** The rates in force over the plan's period, and over the period it is compared with. */
function ratesUsed(fx: FxTable, plan: QueryPlan): FxRate[] {
  const used = ratesInForce(fx, plan.filters.from, plan.filters.to);
  if (plan.compare) used.push(...ratesInForce(fx, plan.compare.from, plan.compare.to));
  // Every rate, in ratesInForce's order (by currency, then date), kept where it was in force.
  return ratesInForce(fx, null, null).filter((rate) => used.includes(rate));
}

export function createQueryAgent({
  prisma,
  categories,
  categoryWords,
  fiscalYearStart,
  planner = createOfflinePlanner(),
  charts = true,
  fx,
  logger,
}: QueryAgentDependencies): QueryAgent {
  let cached: { at: number; vocabulary: Vocabulary } | null = null;

  async function vocabulary(): Promise<Vocabulary> {
    if (cached && Date.now() - cached.at < vocabularyTtlMs) return cached.vocabulary;
    const [merchants, people] = await Promise.all([
      prisma.$queryRaw<{ merchant: string }[]>`
        SELECT DISTINCT merchant FROM receipts WHERE merchant IS NOT NULL AND status <> 'deleted' LIMIT 5000`,
      prisma.user.findMany({ select: { id: true, displayName: true }, take: 5000 }),
    ]);
    const fresh = {
      categories,
      categoryWords,
      fiscalYearStart,
      merchants: merchants.map((row) => row.merchant),
      people: people.map((person) => ({ id: person.id, name: person.displayName })),
    };
    cached = { at: Date.now(), vocabulary: fresh };
    return fresh;
  }

  return {
    async answer({ text, asker, scope, today = new Date() }) {
      const started = Date.now();
      const everyone = scope === 'everyone' && asker.role === 'admin';
      const approval = await answerApprovalQuestion(prisma, { text, today, userId: everyone ? null : asker.id });
      if (approval) {
        await prisma.question
          .create({
            data: {
              userId: asker.id,
              platform: asker.platform,
              question: text.slice(0, 2000),
              plan: approval.data?.plan as object,
              answer: approval.text,
              planner: 'approvals',
              durationMs: Date.now() - started,
            },
          })
          .catch((failure: unknown) => logger.warn({ err: failure }, 'could not log the question'));
        return approval;
      }
      const words = await vocabulary();
      // Employees may only name themselves: other people are not in their vocabulary.
      const visible = everyone ? words : { ...words, people: words.people.filter((person) => person.id === asker.id) };
      const planned = await planner.plan(text.slice(0, 500), visible, today);
      let answer: string;
      let chart: QueryAnswer['chart'];
      let data: QueryAnswer['data'];
      let plan: unknown = null;
      let error: string | null = null;
      const scopeOf = { userId: everyone ? null : asker.id };
      if (!planned.ok) {
        answer = notUnderstood(planned.unknown, planned);
        error = 'not understood';
      } else if (
        planned.guessedText &&
        planned.plan.filters.text &&
        !(await textMentioned(prisma, planned.plan.filters.text, scopeOf))
      ) {
        // A word read as "something to look for" that no receipt mentions: not a filter after all.
        const word = planned.plan.filters.text;
        answer = notUnderstood([word], {
          reason: 'no category, merchant, person or receipt by that name or mentioning it',
        });
        error = 'not understood';
      } else {
        plan = planned.plan;
        try {
          const result = await executePlan(prisma, planned.plan, scopeOf, { fx });
          const names = visible.people.filter((person) => planned.plan.filters.employees.includes(person.id));
          const counted = describePlan(planned.plan, planned.period, {
            employees: names.map((person) => person.name),
            own: !everyone,
            converted: fx?.rates.length ? { fx, used: ratesUsed(fx, planned.plan) } : null,
          });
          if (result.kind === 'compare') {
            result.first.label = planned.period ?? 'all dates';
          }
          answer = formatAnswer(result, planned.plan, counted, planned.notes);
          const rows = result.kind === 'compare' ? [result.first, result.second] : result.rows;
          data = { plan: planned.plan, rows, ...headline(result, planned.plan) };
          if (charts && result.kind === 'groups') {
            // The renderer (sharp) is loaded on the first chart only.
            const { renderChart, wantsChart } = await import('./chart.ts');
            if (wantsChart(planned.plan, result.rows)) {
              const title = chartTitle(planned.plan, planned.period);
              chart = { png: await renderChart(planned.plan, result.rows, title), title };
            }
          }
        } catch (failure) {
          logger.error({ err: failure }, 'query failed');
          error = (failure as Error).message;
          answer = 'Sorry, that question took too long or failed; try a narrower one.';
        }
      }
      await prisma.question
        .create({
          data: {
            userId: asker.id,
            platform: asker.platform,
            question: text.slice(0, 2000),
            plan: plan === null ? undefined : (plan as object),
            answer,
            planner: planned.planner,
            error,
            durationMs: Date.now() - started,
          },
        })
        .catch((failure: unknown) => logger.warn({ err: failure }, 'could not log the question'));
      return { text: answer, chart, data };
    },
  };
}
