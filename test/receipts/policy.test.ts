// The spending policy: the file checked with errors naming the line and the rule, the rules in plain
// words, and receipts evaluated when entered, edited and submitted (over the whole service, with
// AUTO_APPROVE_WITHIN_POLICY), and again for every open receipt when the policy changes.
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.ts';
import { createLogger } from '../../src/logger.ts';
import { startService } from '../../src/main.ts';
import { createPolicyChecker, describePolicy, parsePolicy } from '../../src/receipts/policy.ts';
import { apiCaller, createPerson } from '../helpers/api.ts';
import { startTestService, type TestService } from '../helpers/service.ts';

const policyYaml = `# Acme's expense policy
currency: EUR
rules:
  - rule: receipt_limit
    category: meals
    limit: 50
  - rule: forbidden_items
    category: meals
    words: [wine, beer]
    severity: high
  - rule: itemised_above
    above: 200
  - rule: weekend_or_holiday
    categories: [meals]
    holidays: [2026-12-25]
  - rule: max_age
    days: 90
  - rule: monthly_limit
    category: travel
    limit: 300
  - rule: same_receipt_two_people
`;

function problemsOf(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('the policy file', () => {
  it('names the line and the rule of a mistake, in YAML and in JSON', () => {
    const yaml = policyYaml.replace('limit: 50', 'limit: fifty');
    expect(problemsOf(() => parsePolicy(yaml, 'policy.yaml'))).toEqual([
      'POLICY_FILE policy.yaml line 6 rule 1 (receipt_limit): limit: expected an amount such as 50 or 49.90',
    ]);
    const json =
      '{\n  "rules": [\n    { "rule": "max_age", "days": 30 },\n    { "rule": "max_age", "dayz": 3 }\n  ]\n}';
    const problems = problemsOf(() => parsePolicy(json, 'policy.json'));
    expect(problems.join('\n')).toContain('POLICY_FILE policy.json line 4 rule 2 (max_age)');
    expect(problemsOf(() => parsePolicy('rules: [ { rule: nope } ]', 'p.yaml'))[0]).toMatch(
      /^POLICY_FILE p\.yaml line 1 rule 1 \(nope\): rule: /,
    );
    expect(problemsOf(() => parsePolicy('rules: [\n  {', 'p.yaml'))[0]).toMatch(/^POLICY_FILE p\.yaml line \d: /);
  });

  it('says the rules in plain words', () => {
    const lines = describePolicy(parsePolicy(policyYaml));
    expect(lines).toContain('• A meals receipt may be at most €50.00');
    expect(lines).toContain('• meals may not include: wine, beer (alert at once)');
    expect(lines).toContain('• Each person may spend at most €300.00 a month on travel');
  });

  it('stops start-up naming the rule', async () => {
    const file = join(tmpdir(), `policy-${process.pid}.yaml`);
    await writeFile(file, 'rules:\n  - rule: receipt_limit\n    limit: -5\n');
    const config = loadConfig({ DATABASE_URL: 'postgresql://nobody@127.0.0.1:1/none', POLICY_FILE: file, PORT: '0' });
    await expect(startService(config, createLogger({ level: 'silent' }))).rejects.toThrow(
      /line 3 rule 1 \(receipt_limit\): limit: expected an amount/,
    );
  });
});

describe('receipts against the policy', () => {
  let service: TestService;
  let ada: string;
  let bob: string;
  const policyFile = join(tmpdir(), `policy-service-${process.pid}.yaml`);

  const call = apiCaller(() => service.url);
  const enter = (token: string, fields: Record<string, unknown>) =>
    call(token, '/api/receipts', 'POST', { date: '2026-10-05', currency: 'EUR', ...fields }).then(
      (answer) => answer.body.receipt,
    );

  beforeAll(async () => {
    await writeFile(policyFile, policyYaml);
    service = await startTestService({ POLICY_FILE: policyFile, AUTO_APPROVE_WITHIN_POLICY: 'true' });
    ada = (await createPerson(service.database.prisma, 'Ada')).token;
    bob = (await createPerson(service.database.prisma, 'Bob')).token;
  }, 120_000);

  afterAll(async () => {
    await service?.stop();
  });

  it('approves a clean receipt at once and keeps a flagged one for an admin, saying why', async () => {
    const clean = await enter(ada, { merchant: 'Cafe', total: '12.00', category: 'meals' });
    expect(clean).toMatchObject({ approvalState: 'approved', policyViolations: [] });
    const over = await enter(ada, {
      merchant: 'Bistro',
      total: '62.30',
      category: 'meals',
      items: [{ description: 'Red Wine 0,5l', quantity: '1', unitPrice: '20.00', amount: '20.00' }],
    });
    expect(over.approvalState).toBe('submitted');
    expect(over.policyViolations.map((v: { message: string }) => v.message)).toEqual([
      'over the meals limit of €50.00 by €12.30: add a note to explain',
      'meals may not include wine ("Red Wine 0,5l")',
    ]);
    expect(over.policyViolations[1].severity).toBe('high');
  });

  it('evaluates again after an edit', async () => {
    const weekend = await enter(bob, { merchant: 'Diner', total: '20.00', category: 'meals', date: '2026-10-03' });
    expect(weekend.policyViolations[0].message).toBe(
      'bought on a weekend (Saturday 2026-10-03): add a note to explain',
    );
    const fixed = (await call(bob, `/api/receipts/${weekend.id}`, 'PATCH', { date: '2026-10-02' })).body;
    expect(fixed.receipt.policyViolations).toEqual([]);
  });

  it('flags the monthly limit, old receipts, missing items and the same receipt from two people', async () => {
    await enter(bob, { merchant: 'Rail', total: '250.00', category: 'travel' });
    const second = await enter(bob, { merchant: 'Rail', total: '80.00', category: 'travel' });
    expect(second.policyViolations.map((v: { message: string }) => v.message)).toEqual([
      'travel this month €330.00: over the monthly limit of €300.00 by €30.00',
    ]);
    const old = await enter(ada, { merchant: 'Shop', total: '5.00', category: 'office', date: '2020-01-02' });
    expect(old.policyViolations[0].message).toMatch(/^sent \d+ days after the purchase: the limit is 90 days$/);
    const big = await enter(ada, { merchant: 'Laptop Store', total: '900.00', category: 'office' });
    expect(big.policyViolations[0].message).toBe('over €200.00 without line items: an itemised receipt is needed');
    const twin = await enter(ada, { merchant: 'RAIL', total: '80.00', category: 'travel' });
    expect(twin.policyViolations.map((v: { message: string }) => v.message)).toContain(
      'the same merchant, date and total as a receipt from Bob',
    );
  });

  it('looks at every open receipt again when the policy changes', async () => {
    const stricter = parsePolicy('rules:\n  - rule: receipt_limit\n    limit: 10\n');
    const checker = createPolicyChecker({ prisma: service.database.prisma, policy: stricter });
    expect(await checker.recheckOpen()).toBeGreaterThan(5);
    const cafe = await service.database.prisma.receipt.findFirstOrThrow({ where: { merchant: 'Cafe' } });
    expect(cafe.policyViolations).toEqual([
      { rule: 'receipt_limit', severity: 'low', message: 'over the limit of €10.00 by €2.00: add a note to explain' },
    ]);
  });
});
