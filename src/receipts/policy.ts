// The spending policy: a YAML or JSON file of rules (POLICY_FILE), checked with zod when the service
// starts (a mistake stops start-up naming the rule and its line), said in plain words for /policy, and
// evaluated against a receipt when it is read, edited or submitted. Findings are stored on the receipt
// (policy_violations) so every card and page shows the same ones. Limits are in the policy's currency;
// a receipt in another currency is not compared with them.
import { readFileSync } from 'node:fs';
import { isMap, isSeq, LineCounter, parseDocument } from 'yaml';
import { z } from 'zod';
import { ConfigError } from '../config.ts';
import { Prisma, type PrismaClient } from '../db/client.ts';
import { isoDay } from '../iso-date.ts';
import { formatMoney } from '../money.ts';
import type { PolicyViolation, ReceiptWithItems } from './approvals.ts';

const amount = z
  .union([z.number(), z.string()])
  .transform((value) => String(value).trim())
  .pipe(z.string().regex(/^\d{1,12}(\.\d{1,2})?$/, 'expected an amount such as 50 or 49.90'));
const severity = z.enum(['low', 'high']).default('low');
const category = z.string().trim().toLowerCase().min(1);
const isoDate = z.union([z.iso.date(), z.date().transform((date) => isoDay(date))]);

const ruleSchema = z.discriminatedUnion('rule', [
  z.object({ rule: z.literal('receipt_limit'), category: category.optional(), limit: amount, severity }).strict(),
  z.object({ rule: z.literal('monthly_limit'), category: category.optional(), limit: amount, severity }).strict(),
  z.object({ rule: z.literal('max_age'), days: z.number().int().min(1).max(3650), severity }).strict(),
  z
    .object({
      rule: z.literal('weekend_or_holiday'),
      categories: z.array(category).optional(),
      holidays: z.array(isoDate).default([]),
      severity,
    })
    .strict(),
  z.object({ rule: z.literal('itemised_above'), above: amount, severity }).strict(),
  z
    .object({
      rule: z.literal('forbidden_items'),
      category,
      words: z.array(z.string().trim().toLowerCase().min(2)).min(1),
      severity,
    })
    .strict(),
  z.object({ rule: z.literal('same_receipt_two_people'), severity }).strict(),
]);

export const policySchema = z
  .object({
    currency: z
      .string()
      .regex(/^[A-Z]{3}$/, 'expected an ISO 4217 code such as EUR')
      .default('EUR'),
    /** Findings of this severity or above are posted to the admin chats at once. */
    alert_severity: z.enum(['low', 'high']).default('high'),
    rules: z.array(ruleSchema).default([]),
  })
  .strict();

export type Policy = z.infer<typeof policySchema>;
export type PolicyRule = Policy['rules'][number];

export const noPolicy: Policy = { currency: 'EUR', alert_severity: 'high', rules: [] };

/** Reads and checks the policy file; a problem stops start-up naming the file, the line and the rule. */
export function loadPolicy(file: string | undefined): Policy {
  if (!file) return noPolicy;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError([`POLICY_FILE: cannot read ${file} (${(error as Error).message})`]);
  }
  return parsePolicy(text, file);
}

export function parsePolicy(text: string, file = 'policy'): Policy {
  const lines = new LineCounter();
  // JSON is YAML too: one parser, and line numbers for both.
  const document = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  const lineOf = (offset: number | undefined) => (offset === undefined ? '?' : lines.linePos(offset).line);
  if (document.errors.length > 0) {
    throw new ConfigError(
      document.errors.map(
        (error) => `POLICY_FILE ${file} line ${lineOf(error.pos[0])}: ${error.message.split('\n')[0]}`,
      ),
    );
  }
  const parsed = policySchema.safeParse(document.toJS());
  if (parsed.success) return parsed.data;
  throw new ConfigError(
    parsed.error.issues.map((issue) => {
      const path = issue.path.map((part) => (typeof part === 'symbol' ? String(part) : part));
      // The deepest node the path reaches, for its line.
      let node: unknown;
      for (let depth = path.length; depth >= 0 && !node; depth--) {
        const found = document.getIn(path.slice(0, depth), true);
        if (found && typeof found === 'object' && 'range' in found) node = found;
      }
      const range = (node as { range?: [number, number, number] } | undefined)?.range;
      const ruleIndex = path[0] === 'rules' && typeof path[1] === 'number' ? path[1] : null;
      const rules = document.get('rules', true);
      const ruleNode = ruleIndex !== null && isSeq(rules) ? rules.items[ruleIndex] : null;
      const ruleName = ruleNode && isMap(ruleNode) ? String(ruleNode.get('rule') ?? '?') : null;
      const where = ruleIndex !== null ? ` rule ${ruleIndex + 1} (${ruleName})` : '';
      const field = path.slice(ruleIndex !== null ? 2 : 0).join('.');
      return `POLICY_FILE ${file} line ${lineOf(range?.[0])}${where}: ${field ? `${field}: ` : ''}${issue.message}`;
    }),
  );
}

const money = (value: string, currency: string) => formatMoney(new Prisma.Decimal(value).toFixed(2), currency);
const what = (rule: { category?: string }) => (rule.category ? `${rule.category} ` : '');

/** The rules in plain words, one line each, for /policy. */
export function describePolicy(policy: Policy): string[] {
  if (policy.rules.length === 0) return ['No spending policy is set: every receipt is within policy.'];
  return policy.rules.map((rule) => {
    const flag = rule.severity === 'high' ? ' (alert at once)' : '';
    switch (rule.rule) {
      case 'receipt_limit':
        return `• A ${what(rule)}receipt may be at most ${money(rule.limit, policy.currency)}${flag}`;
      case 'monthly_limit':
        return `• Each person may spend at most ${money(rule.limit, policy.currency)} a month${rule.category ? ` on ${rule.category}` : ''}${flag}`;
      case 'max_age':
        return `• Receipts must be sent within ${rule.days} days of the purchase${flag}`;
      case 'weekend_or_holiday':
        return `• ${rule.categories ? `${rule.categories.join(', ')} spending` : 'Spending'} on a weekend${rule.holidays.length ? ` or holiday (${rule.holidays.join(', ')})` : ''} needs a note${flag}`;
      case 'itemised_above':
        return `• Receipts over ${money(rule.above, policy.currency)} must list their items${flag}`;
      case 'forbidden_items':
        return `• ${rule.category} may not include: ${rule.words.join(', ')}${flag}`;
      case 'same_receipt_two_people':
        return `• The same merchant, date and total from two people is flagged${flag}`;
      default:
        return `• ${(rule as { rule: string }).rule}`;
    }
  });
}

const weekdays = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const escapeRegExp = (word: string) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** What the receipt breaks, in words its sender can act on. */
export async function evaluateReceipt(
  prisma: PrismaClient,
  policy: Policy,
  receipt: ReceiptWithItems,
): Promise<PolicyViolation[]> {
  const found: PolicyViolation[] = [];
  const inCurrency = receipt.total !== null && receipt.currency === policy.currency;
  const add = (rule: PolicyRule, message: string) => found.push({ rule: rule.rule, severity: rule.severity, message });
  const matches = (rule: { category?: string }) => !rule.category || rule.category === receipt.category;
  for (const rule of policy.rules) {
    switch (rule.rule) {
      case 'receipt_limit': {
        if (!inCurrency || !matches(rule) || !receipt.total!.gt(rule.limit)) break;
        const over = receipt.total!.sub(rule.limit).toFixed(2);
        add(
          rule,
          `over the ${what(rule)}limit of ${money(rule.limit, policy.currency)} by ${money(over, policy.currency)}: add a note to explain`,
        );
        break;
      }
      case 'monthly_limit': {
        if (!inCurrency || !matches(rule) || !receipt.purchaseDate) break;
        const day = receipt.purchaseDate;
        const start = new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), 1));
        const end = new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth() + 1, 1));
        const sum = await prisma.receipt.aggregate({
          _sum: { total: true },
          where: {
            userId: receipt.userId,
            currency: policy.currency,
            status: { in: ['confirmed', 'needs_review'] },
            OR: [{ approvalState: null }, { approvalState: { not: 'rejected' } }],
            purchaseDate: { gte: start, lt: end },
            ...(rule.category ? { category: rule.category } : {}),
          },
        });
        const spent = sum._sum.total ?? new Prisma.Decimal(0);
        if (!spent.gt(rule.limit)) break;
        add(
          rule,
          `${rule.category ?? 'spending'} this month ${money(spent.toFixed(2), policy.currency)}: over the monthly limit of ${money(rule.limit, policy.currency)} by ${money(spent.sub(rule.limit).toFixed(2), policy.currency)}`,
        );
        break;
      }
      case 'max_age': {
        if (!receipt.purchaseDate) break;
        const days = Math.floor((receipt.createdAt.getTime() - receipt.purchaseDate.getTime()) / 86_400_000);
        if (days > rule.days) add(rule, `sent ${days} days after the purchase: the limit is ${rule.days} days`);
        break;
      }
      case 'weekend_or_holiday': {
        if (!receipt.purchaseDate || (rule.categories && !rule.categories.includes(receipt.category ?? ''))) break;
        const day = isoDay(receipt.purchaseDate);
        const weekday = receipt.purchaseDate.getUTCDay();
        if (rule.holidays.includes(day)) add(rule, `bought on a holiday (${day}): add a note to explain`);
        else if (weekday === 0 || weekday === 6) {
          add(rule, `bought on a weekend (${weekdays[weekday]} ${day}): add a note to explain`);
        }
        break;
      }
      case 'itemised_above': {
        if (!inCurrency || !receipt.total!.gt(rule.above) || receipt.items.length > 0) break;
        add(rule, `over ${money(rule.above, policy.currency)} without line items: an itemised receipt is needed`);
        break;
      }
      case 'forbidden_items': {
        if (receipt.category !== rule.category) break;
        const pattern = new RegExp(`\\b(${rule.words.map(escapeRegExp).join('|')})\\b`, 'i');
        const item = receipt.items.find((line) => pattern.test(line.description));
        if (item) {
          const word = pattern.exec(item.description)![1]!.toLowerCase();
          add(rule, `${rule.category} may not include ${word} ("${item.description}")`);
        }
        break;
      }
      case 'same_receipt_two_people': {
        if (!receipt.merchant || !receipt.purchaseDate || receipt.total === null) break;
        const twin = await prisma.receipt.findFirst({
          where: {
            id: { not: receipt.id },
            userId: { not: receipt.userId },
            status: { notIn: ['deleted', 'failed'] },
            merchant: { equals: receipt.merchant, mode: 'insensitive' },
            purchaseDate: receipt.purchaseDate,
            total: receipt.total,
          },
          include: { user: { select: { displayName: true } } },
        });
        if (twin) add(rule, `the same merchant, date and total as a receipt from ${twin.user.displayName}`);
        break;
      }
    }
  }
  return found;
}

export interface PolicyChecker {
  policy: Policy;
  /** Evaluates one receipt, stores what it breaks and returns it. */
  check(receiptId: string): Promise<ReceiptWithItems | null>;
  /** Evaluates every receipt not yet paid back (after a policy change); returns how many. */
  recheckOpen(): Promise<number>;
}

export interface PolicyCheckerDependencies {
  prisma: PrismaClient;
  policy: Policy;
  /** New findings at or above the policy's alert_severity, to post to the admin chats at once. */
  onAlert?: (receipt: ReceiptWithItems, findings: PolicyViolation[]) => Promise<void>;
}

const rank = { low: 0, high: 1 } as const;

export function createPolicyChecker({ prisma, policy, onAlert }: PolicyCheckerDependencies): PolicyChecker {
  async function store(receipt: ReceiptWithItems) {
    const violations = receipt.status === 'failed' ? [] : await evaluateReceipt(prisma, policy, receipt);
    const before = (Array.isArray(receipt.policyViolations)
      ? receipt.policyViolations
      : []) as unknown as PolicyViolation[];
    if (JSON.stringify(violations) === JSON.stringify(before)) return receipt;
    const updated = await prisma.receipt.update({
      where: { id: receipt.id },
      data: { policyViolations: violations as unknown as Prisma.InputJsonValue },
      include: { items: true },
    });
    const known = new Set(before.map((violation) => violation.message));
    const alerts = violations.filter(
      (violation) => rank[violation.severity] >= rank[policy.alert_severity] && !known.has(violation.message),
    );
    if (alerts.length > 0 && onAlert) await onAlert(updated, alerts);
    return updated;
  }
  return {
    policy,
    async check(receiptId) {
      const receipt = await prisma.receipt.findUnique({ where: { id: receiptId }, include: { items: true } });
      if (!receipt || receipt.status === 'deleted') return null;
      return store(receipt);
    },
    async recheckOpen() {
      let count = 0;
      let after: string | undefined;
      for (;;) {
        const page = await prisma.receipt.findMany({
          where: {
            status: { in: ['confirmed', 'needs_review'] },
            OR: [{ approvalState: null }, { approvalState: { not: 'reimbursed' } }],
            ...(after ? { id: { gt: after } } : {}),
          },
          orderBy: { id: 'asc' },
          take: 200,
          include: { items: true },
        });
        for (const receipt of page) await store(receipt);
        count += page.length;
        if (page.length < 200) return count;
        after = page.at(-1)!.id;
      }
    },
  };
}
