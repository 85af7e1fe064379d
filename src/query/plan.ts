// A question, understood: what to measure, how to group, which receipts count. Planners produce
// it; only execute.ts turns it into (parameterised) SQL, so no planner ever writes a query.
import { z } from 'zod';

/**
 * What is measured. total/average/max/min sum receipt totals; tax sums their tax (VAT, GST);
 * merchants counts distinct merchants; per_person is the total divided by the people who spent.
 * A new measure is one entry here, one in execute.ts's measureSql and one word in format.ts.
 */
export const measures = ['total', 'count', 'average', 'max', 'min', 'list', 'tax', 'merchants', 'per_person'] as const;
/** The most groups or receipts one answer lists ("top 150 merchants"). */
export const maxListed = 200;
export const groupings = [
  'category',
  'merchant',
  'employee',
  'day',
  'week',
  'month',
  'quarter',
  'year',
  'currency',
  'weekday',
] as const;
export const countedStatuses = ['confirmed', 'needs_review'] as const;

const isoDate = z.iso.date();
const amount = z.string().regex(/^\d{1,12}(\.\d{1,2})?$/);

export const planSchema = z.object({
  measure: z.enum(measures),
  groupBy: z.enum(groupings).nullable(),
  filters: z.object({
    /** Inclusive calendar dates of purchase. */
    from: isoDate.nullable(),
    to: isoDate.nullable(),
    categories: z.array(z.string().max(50)).max(20),
    /** Merchant names as stored, matched case-insensitively. */
    merchants: z.array(z.string().max(200)).max(20),
    /** User ids. */
    employees: z.array(z.uuid()).max(50),
    /** Receipt totals strictly above / below. */
    above: amount.nullable(),
    below: amount.nullable(),
    currency: z
      .string()
      .regex(/^[A-Z]{3}$/)
      .nullable(),
    /** Words to find in the merchant, the line items or the receipt's OCR text ("monitor"). */
    text: z.string().min(2).max(100).nullable(),
    /** Only receipts in these states; empty: every counted state. */
    statuses: z.array(z.enum(countedStatuses)).max(2),
  }),
  /** Largest first unless `ascending`; groups by time are always in time order. */
  ascending: z.boolean(),
  limit: z.number().int().min(1).max(maxListed).nullable(),
  /** A second period to set against the first ("this month vs last month"): both figures and the change. */
  compare: z
    .object({ from: isoDate, to: isoDate, label: z.string().max(100) })
    .nullable()
    .optional(),
});

export type QueryPlan = z.infer<typeof planSchema>;
export type Measure = QueryPlan['measure'];
export type Grouping = NonNullable<QueryPlan['groupBy']>;

export const timeGroupings: readonly Grouping[] = ['day', 'week', 'month', 'quarter', 'year'];

export function emptyFilters(): QueryPlan['filters'] {
  return {
    from: null,
    to: null,
    categories: [],
    merchants: [],
    employees: [],
    above: null,
    below: null,
    currency: null,
    text: null,
    statuses: [],
  };
}
