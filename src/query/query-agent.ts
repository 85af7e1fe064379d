// The query agent: a question in plain language, planned (offline planner), run read-only, answered
// with the figure first, a short table and what was counted. Every question is logged with its plan,
// answer and duration. Employees (scope own) only ever count their own receipts.
import type { PrismaClient } from '../db/client.ts';
import type { Logger } from '../logger.ts';
import type { QueryAgent, QueryAnswer } from './agent.ts';
import { answerApprovalQuestion } from './approval-questions.ts';
import { renderChart, wantsChart } from './chart.ts';
import { executePlan, type QueryResult } from './execute.ts';
import { chartTitle, describePlan, formatAnswer } from './format.ts';
import type { FxTable } from './fx.ts';
import { createOfflinePlanner, exampleQuestions } from './offline-planner.ts';
import type { QueryPlan } from './plan.ts';
import type { Planner, Vocabulary } from './planner.ts';

export interface QueryAgentDependencies {
  prisma: PrismaClient;
  categories: readonly string[];
  /** Default: the offline planner. */
  planner?: Planner;
  /** Rates to report in one currency; without them amounts stay per currency. */
  fx?: FxTable;
  logger: Logger;
}

/** Merchants and people change slowly; reading them once a minute keeps questions fast. */
const vocabularyTtlMs = 60_000;

export function notUnderstood(unknown: string[]): string {
  const words = unknown
    .slice(0, 5)
    .map((word) => `"${word}"`)
    .join(', ');
  return [
    `Sorry, I do not understand ${words || 'that'}, so I would rather not guess a number.`,
    `Try: "${exampleQuestions[0]}" or "${exampleQuestions[1]}"`,
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

export function createQueryAgent({
  prisma,
  categories,
  planner = createOfflinePlanner(),
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
      if (!planned.ok) {
        answer = notUnderstood(planned.unknown);
        error = 'not understood';
      } else {
        plan = planned.plan;
        try {
          const result = await executePlan(prisma, planned.plan, { userId: everyone ? null : asker.id }, { fx });
          const names = visible.people.filter((person) => planned.plan.filters.employees.includes(person.id));
          const counted = describePlan(planned.plan, planned.period, {
            employees: names.map((person) => person.name),
            own: !everyone,
            convertedTo: fx?.reportCurrency ?? null,
          });
          answer = formatAnswer(result, planned.plan, counted);
          data = { plan: planned.plan, rows: result.rows, ...headline(result, planned.plan) };
          if (result.kind === 'groups' && wantsChart(planned.plan, result.rows)) {
            const title = chartTitle(planned.plan, planned.period);
            chart = { png: await renderChart(planned.plan, result.rows, title), title };
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
