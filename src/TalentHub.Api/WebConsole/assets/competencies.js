// The national competency map as a heatmap: groups × competencies (weakest nationally first), each cell the share of
// the assessed who meet their own position level's standard, written as a number as well as a colour.
import * as api from './api.js';
import { h, clear, select, status, percent, number } from './dom.js';
import { competencyNames } from './reference.js';

const groupings = [['AGENCY', 'Agency'], ['PROVINCE', 'Work province'], ['AGENCY_TYPE', 'Agency type'], ['POSITION_LEVEL', 'Position level']];
const sets = [['CORE', 'Managerial and socio-cultural'], ['TECHNICAL', 'Technical'], ['ALL', 'All']];

/** Red (0 %) through amber to green (100 %), light enough for dark text. */
function shade(share) {
  return `hsl(${Math.round(Number(share) * 120)}, 70%, 78%)`;
}

export async function competencyMap(section) {
  const groupBy = select('Group by', 'groupBy', groupings, 'AGENCY');
  const set = select('Competencies', 'set', sets, 'CORE');
  const line = status();
  const area = h('div', { class: 'heatmap-area' });
  const form = h('form', { class: 'filters', 'aria-label': 'Competency map options' }, groupBy.field, set.field, h('button', { type: 'submit' }, 'Apply'));
  section.append(
    h('p', {}, 'Share of the assessed meeting the standard of their own position level, per group and competency. Competencies are ordered weakest first by their national mean gap; only current, non-stale levels count.'),
    form, line.element, area);
  const names = await competencyNames();

  let latest = 0;

  async function load() {
    // Only the latest request may render: an earlier answer arriving late is dropped.
    const ticket = ++latest;
    line.info('Loading…');
    try {
      const { body } = await api.json(`/api/v1/analytics/competency-map?groupBy=${groupBy.element.value}`);
      if (ticket !== latest) {
        return;
      }
      render(body);
    } catch (error) {
      clear(area);
      line.error(error);
    }
  }

  function render(map) {
    const wanted = set.element.value;
    const ranking = map.nationalRanking.filter(c => wanted === 'ALL' || (wanted === 'TECHNICAL') === c.competency.startsWith('T.'));
    clear(area);
    if (ranking.length === 0 || map.groups.length === 0) {
      line.info('No current competency levels for this choice.');
      return;
    }
    line.info(`${map.groups.length} groups × ${ranking.length} competencies${map.agencyCode ? ` (agency ${map.agencyCode})` : ''}.`);
    const head = h('tr', {}, h('th', { scope: 'col' }, groupings.find(([v]) => v === map.groupBy)?.[1] ?? map.groupBy),
      ranking.map(c => h('th', { scope: 'col', title: names.get(c.competency) ?? c.competency },
        h('span', { class: 'code' }, c.competency), h('span', { class: 'rank' }, `#${c.rank} · gap ${Number(c.meanGap).toFixed(2)}`))));
    const rows = map.groups.map(group => {
      const stats = new Map(group.competencies.map(c => [c.competency, c]));
      return h('tr', {}, h('th', { scope: 'row' }, group.group || '(none)'), ranking.map(c => {
        const cell = stats.get(c.competency);
        if (!cell) {
          return h('td', { class: 'empty' }, h('span', { class: 'visually-hidden' }, 'not assessed'), '—');
        }
        const td = h('td', {
          class: 'heat',
          title: `${names.get(c.competency) ?? c.competency} in ${group.group}: ${number(cell.assessed)} assessed, mean level ${cell.meanLevel}, mean gap ${cell.meanGap}`,
        }, percent(cell.shareMeetingStandard, 0));
        td.style.backgroundColor = shade(cell.shareMeetingStandard);
        return td;
      }));
    });
    const legend = h('p', { class: 'legend' }, 'Colour: ',
      [0, 0.25, 0.5, 0.75, 1].map(share => {
        const swatch = h('span', { class: 'swatch' }, percent(share, 0));
        swatch.style.backgroundColor = shade(share);
        return swatch;
      }), ' of the assessed meet their standard.');
    area.append(legend, h('div', { class: 'scroll' }, h('table', { class: 'heatmap' },
      h('caption', {}, `Share meeting the standard by ${groupBy.element.selectedOptions[0].textContent.toLowerCase()}, weakest competency first`),
      h('thead', {}, head), h('tbody', {}, rows))));
  }

  form.addEventListener('submit', event => {
    event.preventDefault();
    load();
  });
  await load();
}
