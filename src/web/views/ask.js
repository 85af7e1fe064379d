// The Ask box: a question in plain language, answered with a headline, what was counted, a table and a chart.
import { api } from '../lib/api.js';
import { field, h, show } from '../lib/render.js';

export function askView() {
  const question = h('textarea', {
    name: 'question',
    rows: 2,
    required: true,
    placeholder: 'How much did we spend on travel last month, by person?',
  });
  const result = h('section', { 'aria-live': 'polite' });
  const form = h(
    'form',
    {
      onsubmit: async (event) => {
        event.preventDefault();
        result.replaceChildren(h('p', { class: 'muted', text: 'Thinking…' }));
        try {
          const answer = await api('/api/ask', { method: 'POST', body: JSON.stringify({ question: question.value }) });
          result.replaceChildren(...answerNodes(answer));
        } catch (error) {
          result.replaceChildren(h('p', { class: 'error', text: error.message }));
        }
      },
    },
    field('Your question', question),
    h('div', { class: 'actions' }, h('button', { type: 'submit', text: 'Ask' })),
  );
  show(h('h1', { text: 'Ask' }), form, result);
  question.focus();
}

/**
 * The answer's first line is the headline; "Counted:" lines say what was counted; the rest is the
 * table. A part the answer does not have (no plan, no table, no chart) is left out, never shown as
 * "null", and blank lines do not make an empty table.
 */
export function answerNodes(answer) {
  const [headline = '', ...rest] = String(answer.answer ?? '').split('\n');
  const counted = rest.filter((line) => line.startsWith('Counted:'));
  const table = rest.filter((line) => !line.startsWith('Counted:'));
  const hasTable = table.some((line) => line.trim());
  return [
    h('h2', { text: headline || 'No answer' }),
    counted.length ? h('p', { class: 'muted plan', text: counted.join(' ') }) : null,
    hasTable ? h('pre', { class: 'answer', text: table.join('\n').trim() }) : null,
    answer.chart?.url
      ? h('img', { class: 'answer-chart', src: answer.chart.url, alt: answer.chart.title ?? '' })
      : null,
  ].filter(Boolean);
}
