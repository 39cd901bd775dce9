// The stewards' queues: open conflicts (with every candidate value and its agency) and POSSIBLE_DUPLICATE items (with
// both identities and the evidence), and the decision forms. A resolution names the conflict's version it was decided
// on: If-Match with the ETag of GET /api/v1/conflicts/{id}, so a conflict that changed meanwhile answers 412.
import * as api from './api.js';
import { h, clear, select, status, table, dateTime, id } from './dom.js';

const kinds = [['', 'All kinds'], ['CONCURRENT_EMPLOYMENT', 'CONCURRENT_EMPLOYMENT'], ['IDENTITY_MISMATCH', 'IDENTITY_MISMATCH'],
  ['PERFORMANCE_MISMATCH', 'PERFORMANCE_MISMATCH'], ['OVERLAPPING_POSITIONS', 'OVERLAPPING_POSITIONS']];

/** A candidate's value; personal data come masked (null) without the pii scope. */
function shown(value) {
  return value ?? '(masked: needs pii)';
}

function candidatesText(candidates) {
  return (Array.isArray(candidates) ? candidates : []).map(c => `${shown(c.value)} (${c.agencyCode})`).join(' · ');
}

function textField(label, name, { required = false, multiline = false } = {}) {
  const fieldId = id(name);
  const input = multiline ? h('textarea', { id: fieldId, name, required, rows: 2 }) : h('input', { id: fieldId, name, required });
  return { field: h('div', { class: 'field' }, h('label', { for: fieldId }, label), input), input };
}

export async function stewardship(section) {
  const conflicts = h('section', { 'aria-labelledby': 'conflicts-title', class: 'queue' }, h('h3', { id: 'conflicts-title' }, 'Open conflicts'));
  const duplicates = h('section', { 'aria-labelledby': 'duplicates-title', class: 'queue' }, h('h3', { id: 'duplicates-title' }, 'Possible duplicates'));
  section.append(h('p', {}, 'What reconciliation cannot decide: choose a value for each conflict, and link or keep apart two NIPs that may be one person. Every decision needs a reason and is audited.'),
    conflicts, duplicates);
  await Promise.all([conflictQueue(conflicts), duplicateQueue(duplicates)]);
}

async function conflictQueue(container) {
  const kind = select('Kind', 'kind', kinds, '');
  const line = status();
  const rows = h('tbody');
  const list = table('Open conflicts', ['NIP', 'Kind', 'Field', 'Year', 'Candidates', 'Opened', ''], []);
  list.querySelector('tbody').replaceWith(rows);
  const detail = h('div', { class: 'detail' });
  const form = h('form', { class: 'filters', 'aria-label': 'Conflict filters' }, kind.field, h('button', { type: 'submit' }, 'Apply'));
  container.append(form, line.element, h('div', { class: 'scroll' }, list), detail);

  async function load() {
    line.info('Loading…');
    clear(rows);
    try {
      const { body } = await api.json(`/api/v1/conflicts?status=OPEN&limit=100${kind.element.value ? `&kind=${kind.element.value}` : ''}`);
      // POSSIBLE_DUPLICATE items are decided in their own queue below.
      const items = body.items.filter(c => c.kind !== 'POSSIBLE_DUPLICATE');
      for (const c of items) {
        rows.append(h('tr', { dataset: { conflict: c.id } }, h('td', {}, c.nip), h('td', {}, c.kind), h('td', {}, c.field ?? '—'), h('td', {}, c.year ?? '—'),
          h('td', {}, candidatesText(c.candidates)), h('td', {}, dateTime(c.openedAt)),
          h('td', {}, h('button', { type: 'button', 'aria-label': `Review ${c.kind} of ${c.nip}`, onclick: () => open(c.id) }, 'Review'))));
      }
      line.info(items.length === 0 ? 'No open conflicts.' : `${items.length} open conflict${items.length === 1 ? '' : 's'}${body.nextCursor ? ' (more than shown)' : ''}.`);
    } catch (error) {
      line.error(error);
    }
  }

  async function open(conflictId) {
    clear(detail);
    const detailLine = status();
    detail.append(detailLine.element);
    const response = await api.request(`/api/v1/conflicts/${conflictId}`);
    if (!response.ok) {
      detailLine.error(await api.failure(response));
      return;
    }
    const etag = response.headers.get('ETag');
    const conflict = await response.json();
    const candidates = Array.isArray(conflict.candidates) ? conflict.candidates : [];
    const choices = h('fieldset', {}, h('legend', {}, 'Choose the value'),
      candidates.map((c, i) => h('label', {}, h('input', { type: 'radio', name: 'choice', value: `agency:${c.agencyCode}`, required: true, checked: i === 0 }),
        ` ${shown(c.value)} — as ${c.agencyCode} reports it`)),
      h('label', {}, h('input', { type: 'radio', name: 'choice', value: 'typed' }), ' Another value, typed below'));
    const typed = textField('Typed value (when none of the agencies is right)', 'chosenValue');
    const reason = textField('Reason', 'reason', { required: true, multiline: true });
    const submit = h('button', { type: 'submit' }, 'Resolve conflict');
    const form = h('form', { class: 'decision', 'aria-labelledby': 'resolve-title' },
      h('h4', { id: 'resolve-title' }, `Resolve ${conflict.kind}${conflict.field ? ` (${conflict.field})` : ''}${conflict.year ? ` ${conflict.year}` : ''} for NIP ${conflict.nip}`),
      table('Candidate values', ['Agency', 'Value'], candidates.map(c => h('tr', {}, h('td', {}, c.agencyCode), h('td', {}, shown(c.value))))),
      choices, typed.field, reason.field, submit);
    detail.append(form);
    form.addEventListener('submit', async event => {
      event.preventDefault();
      const choice = form.querySelector('input[name=choice]:checked')?.value ?? '';
      const body = { reason: reason.input.value };
      if (choice === 'typed') {
        body.chosenValue = typed.input.value;
      } else {
        body.chosenAgencyCode = choice.slice('agency:'.length);
      }
      submit.disabled = true;
      try {
        const answer = await api.request(`/api/v1/conflicts/${conflict.id}/resolution`, { method: 'POST', body, headers: { 'If-Match': etag } });
        if (answer.status === 412) {
          detailLine.error('The conflict changed since you opened it: review it again.');
          return;
        }
        if (!answer.ok) {
          detailLine.error(await api.failure(answer));
          return;
        }
        const decision = await answer.json();
        clear(detail).append(h('p', { class: 'done', role: 'status' }, `Resolved: conflict ${conflict.kind} of ${conflict.nip}, decision ${decision.id}.`));
        await load();
      } finally {
        submit.disabled = false;
      }
    });
    form.querySelector('input[name=choice]')?.focus();
  }

  form.addEventListener('submit', event => {
    event.preventDefault();
    clear(detail);
    load();
  });
  await load();
}

async function duplicateQueue(container) {
  const line = status();
  const items = h('div', { class: 'duplicates' });
  container.append(line.element, items);

  async function load() {
    line.info('Loading…');
    clear(items);
    try {
      const { body } = await api.json('/api/v1/duplicates?status=OPEN&limit=50');
      for (const item of body.items) {
        items.append(card(item));
      }
      line.info(body.items.length === 0 ? 'No open duplicate items.' : `${body.items.length} open item${body.items.length === 1 ? '' : 's'}${body.nextCursor ? ' (first 50)' : ''}.`);
    } catch (error) {
      line.error(error);
    }
  }

  function card(item) {
    const [first, second] = item.people;
    const decision = select('Decision', 'decision', [['KEEP_APART', 'KEEP_APART: two people'], ['LINK', 'LINK: one person (merge)']], 'KEEP_APART');
    const surviving = select('Surviving NIP (for LINK)', 'survivingNip', item.people.map(p => [p.nip, `${p.nip} · ${p.name ?? ''}`]), first.nip);
    const reason = textField('Reason', 'reason', { required: true, multiline: true });
    const cardLine = status();
    const submit = h('button', { type: 'submit' }, 'Record decision');
    surviving.element.disabled = true;
    decision.element.addEventListener('change', () => {
      surviving.element.disabled = decision.element.value !== 'LINK';
    });
    const titleId = id('duplicate');
    const form = h('form', { class: 'decision', 'aria-labelledby': titleId }, decision.field, surviving.field, reason.field, submit, cardLine.element);
    form.addEventListener('submit', async event => {
      event.preventDefault();
      const body = { decision: decision.element.value, reason: reason.input.value };
      if (body.decision === 'LINK') {
        body.survivingNip = surviving.element.value;
      }
      submit.disabled = true;
      try {
        const answer = await api.request(`/api/v1/duplicates/${item.id}/decision`, { method: 'POST', body });
        if (!answer.ok) {
          cardLine.error(await api.failure(answer));
          return;
        }
        await load();
        line.info(`Decided ${body.decision} for ${first.nip} and ${second.nip}.`);
      } finally {
        submit.disabled = false;
      }
    });
    return h('article', { class: 'duplicate', 'aria-labelledby': titleId },
      h('h4', { id: titleId }, `${first.nip} and ${second.nip}`),
      h('p', {}, 'Evidence: ', item.evidence.map(e => `${e.kind}${e.value ? ` (${e.value})` : ''}`).join(' · '), ` · opened ${dateTime(item.openedAt)}`),
      table('Both people', ['NIP', 'Name', 'NIK', 'Birth date', 'Birth place', 'Gender', 'Status', 'Agency'],
        item.people.map(p => h('tr', {}, [p.nip, p.name, p.nik, p.birthDate, p.birthPlace, p.gender, p.status, p.employingAgency].map(v => h('td', {}, v ?? '—'))))),
      form);
  }

  await load();
}
