// Submissions with their counts and progress, and each one's record errors as a CSV download. An agency client sees its
// own agency's; a BKN client sees every agency's and can narrow the list to one agency here.
import * as api from './api.js';
import { h, svg, select, status, table, number, dateTime } from './dom.js';

const running = new Set(['RECEIVED', 'PROCESSING']);

function progress(submission) {
  const { phase, done, total } = submission.progress;
  const share = total > 0 ? Math.min(1, done / total) : (running.has(submission.status) ? 0 : 1);
  const label = `${phase}: ${number(done)} of ${number(total)}`;
  return h('div', { class: 'progress' },
    svg('svg', { viewBox: '0 0 100 10', width: 100, height: 10, role: 'img', 'aria-label': label, preserveAspectRatio: 'none' },
      svg('rect', { x: 0, y: 0, width: 100, height: 10, class: 'bar-none' }),
      svg('rect', { x: 0, y: 0, width: share * 100, height: 10, class: 'bar-accepted' })),
    h('span', {}, label));
}

async function download(submission, line) {
  const response = await api.request(`/api/v1/submissions/${submission.id}/errors?format=csv`, { accept: 'text/csv' });
  if (!response.ok) {
    line.error(await api.failure(response));
    return;
  }
  const url = URL.createObjectURL(await response.blob());
  const link = h('a', { href: url, download: `submission-${submission.id}-errors.csv`, hidden: true });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  line.info(`Downloaded the errors of submission ${submission.id}.`);
}

export async function submissions(section) {
  const line = status();
  const rows = h('tbody');
  const list = table('Submissions, newest first',
    ['Received at', 'Agency', 'Status', 'Format', 'Received', 'Accepted', 'Pending mapping', 'Rejected', 'Progress', 'Errors'], []);
  list.querySelector('tbody').replaceWith(rows);
  const agency = select('Agency', 'agencyCode', [['', 'All agencies']], '');
  const refresh = h('button', { type: 'button' }, 'Refresh');
  const more = h('button', { type: 'button', hidden: true }, 'Older submissions');
  section.append(
    h('p', {}, 'Each submission\'s outcome: records accepted, waiting for a mapping, rejected; the record errors download as CSV.'),
    h('div', { class: 'filters' }, agency.field, refresh), line.element, h('div', { class: 'scroll' }, list), more);
  let loaded = [];
  let cursor = null;
  let timer = null;

  function render() {
    const wanted = agency.element.value;
    const codes = [...new Set(loaded.map(s => s.agencyCode))].sort();
    agency.element.replaceChildren(...[['', 'All agencies'], ...codes.map(c => [c, c])].map(([v, t]) => h('option', { value: v, selected: v === wanted }, t)));
    const shown = loaded.filter(s => !wanted || s.agencyCode === wanted);
    rows.replaceChildren(...shown.map(s => h('tr', { dataset: { submission: s.id } },
      h('td', {}, dateTime(s.receivedAt)), h('td', {}, s.agencyCode), h('td', {}, s.status), h('td', {}, s.format),
      h('td', { class: 'num' }, number(s.received)), h('td', { class: 'num' }, number(s.accepted)),
      h('td', { class: 'num' }, number(s.pendingMapping)), h('td', { class: 'num' }, number(s.rejected)),
      h('td', {}, progress(s)),
      h('td', {}, s.rejected + s.pendingMapping > 0
        ? h('button', { type: 'button', 'aria-label': `Download the errors of the ${s.agencyCode} submission of ${dateTime(s.receivedAt)} as CSV`, onclick: () => download(s, line) }, 'Errors CSV')
        : 'none'))));
    line.info(`${shown.length} submission${shown.length === 1 ? '' : 's'} shown${cursor ? '; older ones available' : ''}.`);
  }

  let latest = 0;

  async function page(reset) {
    // Only the latest request may render: an earlier answer arriving late is dropped.
    const ticket = ++latest;
    clearTimeout(timer);
    if (reset) {
      loaded = [];
      cursor = null;
    }
    try {
      const { body } = await api.json(`/api/v1/submissions?limit=50${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      if (ticket !== latest) {
        return;
      }
      loaded.push(...body.items);
      cursor = body.nextCursor;
      more.hidden = !cursor;
      render();
      // While work is in flight, follow it (only while this view is on screen).
      if (loaded.some(s => running.has(s.status)) && section.isConnected) {
        timer = setTimeout(() => section.isConnected && page(true), 3000);
      }
    } catch (error) {
      line.error(error);
    }
  }

  agency.element.addEventListener('change', render);
  refresh.addEventListener('click', () => page(true));
  more.addEventListener('click', () => page(false));
  line.info('Loading…');
  await page(true);
}
