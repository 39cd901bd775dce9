// The national 9-box (Peraturan Menteri PANRB 3/2020): counts per box with the regulation's recommendation, filters,
// and the members of a box (the members link of GET /api/v1/analytics/nine-box, which needs profiles.read).
import * as api from './api.js';
import { h, clear, select, status, table, number } from './dom.js';
import { filterOptions } from './reference.js';

// Rows from high potential to low, columns from below expectation to above (docs/domain/reconciliation.md#9-box).
const layout = [[6, 8, 9], [3, 5, 7], [1, 2, 4]];
const potential = ['High potential (TINGGI)', 'Medium potential (MENENGAH)', 'Low potential (RENDAH)'];
const performance = ['Below expectation (DI_BAWAH)', 'Meets expectation (SESUAI)', 'Above expectation (DI_ATAS)'];
// Colour and words together: the tier is written in each box as well.
const tiers = { 9: 'top', 8: 'high', 7: 'high', 6: 'middle', 5: 'middle', 4: 'middle', 3: 'low', 2: 'low', 1: 'lowest' };
const tierNames = { top: 'Top talent', high: 'High', middle: 'Middle', low: 'Low', lowest: 'Lowest' };
const reasons = { INSUFFICIENT_JPM: 'JPM insufficient and no explicit potential', NO_PERFORMANCE: 'no rated performance year' };

export async function nineBox(section) {
  const options = await filterOptions();
  const agency = select('Agency', 'agencyCode', options.agencies, '');
  const province = select('Work province', 'province', options.provinces, '');
  const level = select('Position level', 'positionLevel', options.levels, '');
  const line = status();
  const grid = h('div', { class: 'nine-box-area' });
  const members = h('div', { class: 'members' });
  const form = h('form', { class: 'filters', 'aria-label': '9-box filters' }, agency.field, province.field, level.field,
    h('button', { type: 'submit' }, 'Apply'));
  section.append(h('p', {}, 'ACTIVE civil servants per box of the 9-box; choose a box to list its members.'), form, line.element, grid, members);

  let latest = 0;

  async function load() {
    // Only the latest request may render: an earlier answer arriving late is dropped.
    const ticket = ++latest;
    line.info('Loading…');
    clear(members);
    const query = new URLSearchParams();
    for (const { element } of [agency, province, level]) {
      if (element.value) {
        query.set(element.name, element.value);
      }
    }
    try {
      const { body } = await api.json(`/api/v1/analytics/nine-box?${query}`);
      if (ticket !== latest) {
        return;
      }
      render(body);
      line.info(`${number(body.activePeople)} active people${body.agencyCode ? ` in ${body.agencyCode}` : ' nationally'}, ${number(body.unplaced.people)} of them unplaced.`);
    } catch (error) {
      clear(grid);
      line.error(error);
    }
  }

  function render(result) {
    const byBox = new Map(result.boxes.map(b => [b.box, b]));
    const cells = [];
    layout.forEach((row, r) => {
      cells.push(h('div', { class: 'axis potential', role: 'rowheader' }, potential[r]));
      for (const box of row) {
        const cell = byBox.get(box);
        const tier = tiers[box];
        cells.push(h('button', {
          type: 'button', class: `box tier-${tier}`, dataset: { box: String(box) },
          'aria-label': `Box ${box}: ${cell.people} people. ${cell.recommendation}. Show members.`,
          onclick: () => showMembers(`Box ${box}`, cell.members),
        },
        h('span', { class: 'box-number' }, `Box ${box}`),
        h('span', { class: 'box-count' }, number(cell.people)),
        h('span', { class: 'box-tier' }, tierNames[tier]),
        h('span', { class: 'box-advice' }, cell.recommendation)));
      }
    });
    const unplaced = result.unplaced;
    clear(grid).append(
      h('div', { class: 'nine-box', role: 'group', 'aria-label': '9-box: potential by performance' },
        h('div', { class: 'axis corner' }, 'Potential ↓ · Performance →'),
        performance.map(text => h('div', { class: 'axis performance', role: 'columnheader' }, text)),
        cells),
      h('div', { class: 'unplaced' },
        h('button', { type: 'button', class: 'box-unplaced', onclick: () => showMembers('Unplaced', unplaced.members) },
          `Unplaced: ${number(unplaced.people)}`),
        h('ul', {}, Object.entries(unplaced.byReason).map(([reason, count]) =>
          h('li', {}, `${reason} (${reasons[reason] ?? reason}): ${number(count)}`)))));
  }

  async function showMembers(title, link) {
    clear(members);
    if (!api.has('profiles.read')) {
      members.append(h('p', { class: 'error' }, 'Listing members needs the profiles.read scope.'));
      return;
    }
    const rows = h('tbody');
    const more = h('button', { type: 'button', hidden: true }, 'More members');
    const memberLine = status();
    const list = table(`Members of ${title}`, ['NIP', 'Name', 'Agency', 'Position level', 'Work province', 'JPM', 'Box'], []);
    list.querySelector('tbody').replaceWith(rows);
    members.append(h('h3', { id: 'members-title', tabindex: '-1' }, `Members of ${title}`), memberLine.element, list, more);
    let cursor = null;
    async function page() {
      more.hidden = true;
      memberLine.info('Loading members…');
      try {
        const { body } = await api.json(`${link}&limit=50${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
        for (const p of body.items) {
          rows.append(h('tr', {}, h('td', {}, p.nip), h('td', {}, p.name), h('td', {}, p.employingAgency ?? '—'), h('td', {}, p.positionLevel ?? '—'),
            h('td', {}, p.workProvince ?? '—'), h('td', { class: 'num' }, p.jpm ?? '—'), h('td', { class: 'num' }, p.box ?? 'unplaced')));
        }
        cursor = body.nextCursor;
        more.hidden = !cursor;
        memberLine.info(`${rows.children.length} member${rows.children.length === 1 ? '' : 's'} shown${cursor ? '; more available' : ''}.`);
      } catch (error) {
        memberLine.error(error);
      }
    }
    more.addEventListener('click', page);
    await page();
    members.querySelector('h3').focus();
  }

  form.addEventListener('submit', event => {
    event.preventDefault();
    load();
  });
  await load();
}
