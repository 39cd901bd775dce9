// Data-quality scorecards per agency, with a bar of accepted / pending / rejected records and the calibration flags.
import * as api from './api.js';
import { h, svg, clear, select, status, percent, number, table } from './dom.js';
import { filterOptions } from './reference.js';

function shares(card) {
  const parts = [['accepted', card.shareAccepted], ['pending', card.sharePendingMapping], ['rejected', card.shareRejected]];
  let x = 0;
  const bars = [];
  for (const [name, share] of parts) {
    const width = Number(share) * 100;
    bars.push(svg('rect', { x, y: 0, width, height: 12, class: `bar-${name}` }, svg('title', {}, `${name}: ${percent(share)}`)));
    x += width;
  }
  const label = `Accepted ${percent(card.shareAccepted)}, pending mapping ${percent(card.sharePendingMapping)}, rejected ${percent(card.shareRejected)}`;
  return h('div', { class: 'shares' },
    svg('svg', { viewBox: '0 0 100 12', width: 120, height: 14, role: 'img', 'aria-label': label, preserveAspectRatio: 'none' },
      svg('rect', { x: 0, y: 0, width: 100, height: 12, class: 'bar-none' }), bars),
    h('span', {}, `${percent(card.shareAccepted, 0)} / ${percent(card.sharePendingMapping, 0)} / ${percent(card.shareRejected, 0)}`));
}

function calibration(card) {
  const flagged = card.calibration.filter(c => c.flagged);
  if (card.calibration.length === 0) {
    return 'no cell of 30+';
  }
  const summary = flagged.length === 0 ? `none flagged of ${card.calibration.length}` : `⚑ ${flagged.length} flagged of ${card.calibration.length}`;
  return h('details', { class: flagged.length > 0 ? 'flagged' : '' }, h('summary', {}, summary),
    table(`Calibration of ${card.agencyCode} against other agencies`, ['Method', 'Position level', 'Competency', 'Agency mean (n)', 'Others mean (n)', 'd', 'p', 'Flag'],
      card.calibration.map(c => h('tr', {}, h('td', {}, c.method), h('td', {}, c.positionLevel), h('td', {}, c.competency),
        h('td', { class: 'num' }, `${c.agencyMean} (${c.agencyPeople})`), h('td', { class: 'num' }, `${c.othersMean} (${c.otherPeople})`),
        h('td', { class: 'num' }, c.d), h('td', { class: 'num' }, c.pValue), h('td', {}, c.flagged ? '⚑ flagged' : 'ok')))));
}

export async function dataQuality(section) {
  const line = status();
  const rows = h('tbody');
  const list = table('Data-quality scorecard per agency',
    ['Agency', 'Records received', 'Accepted / pending / rejected', 'Active people', 'Completeness', 'Freshness (median days)', 'Open conflicts', 'Unmapped items', 'Calibration'], []);
  list.querySelector('tbody').replaceWith(rows);
  const more = h('button', { type: 'button', hidden: true }, 'More agencies');
  const agency = select('Agency', 'agencyCode', (await filterOptions()).agencies, '');
  const form = h('form', { class: 'filters', 'aria-label': 'Scorecard filter' }, agency.field, h('button', { type: 'submit' }, 'Apply'));
  section.append(
    h('p', {}, 'Per agency: what its submissions yielded, how complete and fresh its people\'s data are, what waits on stewards and mappings, and whether its assessments look calibrated with other agencies\'.'),
    form, line.element, h('div', { class: 'scroll' }, list), more);
  let cursor = null;
  let latest = 0;

  async function page() {
    // Only the latest request may render: an earlier answer arriving late is dropped.
    const ticket = ++latest;
    more.hidden = true;
    line.info('Loading…');
    try {
      const filter = agency.element.value ? `&agencyCode=${encodeURIComponent(agency.element.value)}` : '';
      const { body } = await api.json(`/api/v1/analytics/data-quality?limit=25${filter}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      if (ticket !== latest) {
        return;
      }
      for (const card of body.items) {
        rows.append(h('tr', { class: card.calibration.some(c => c.flagged) ? 'has-flag' : '' },
          h('th', { scope: 'row' }, card.agencyCode), h('td', { class: 'num' }, number(card.recordsReceived)), h('td', {}, shares(card)),
          h('td', { class: 'num' }, number(card.activePeople)), h('td', { class: 'num' }, percent(card.completeness)),
          h('td', { class: 'num' }, card.freshnessMedianDays ?? '—'), h('td', { class: 'num' }, number(card.openConflicts)),
          h('td', { class: 'num' }, number(card.unmappedItems)), h('td', {}, calibration(card))));
      }
      cursor = body.nextCursor;
      more.hidden = !cursor;
      line.info(`${rows.children.length} agencies shown${cursor ? '; more available' : ''}.`);
    } catch (error) {
      line.error(error);
    }
  }

  more.addEventListener('click', page);
  form.addEventListener('submit', event => {
    event.preventDefault();
    cursor = null;
    clear(rows);
    page();
  });
  await page();
}
