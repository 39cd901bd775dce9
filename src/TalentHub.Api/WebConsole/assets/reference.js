// Reference data for filters and labels: the standard and the agencies (any valid token may read them), read once.
import * as api from './api.js';

let cache = { token: null, standard: null, agencies: null };

/** The cache belongs to one token: another sign-in (another client) reads afresh. */
function cached() {
  const token = api.current()?.token ?? null;
  if (cache.token !== token) {
    cache = { token, standard: null, agencies: null };
  }
  return cache;
}

export async function loadStandard() {
  const c = cached();
  c.standard ??= api.json('/api/v1/standard').then(result => result.body).catch(error => {
    c.standard = null;
    throw error;
  });
  return c.standard;
}

export async function loadAgencies() {
  const c = cached();
  c.agencies ??= api.all('/api/v1/agencies').catch(error => {
    c.agencies = null;
    throw error;
  });
  return c.agencies;
}

/** Filter options: [value, text] pairs with an "all" first. */
export async function filterOptions() {
  const [std, list] = await Promise.all([loadStandard(), loadAgencies()]);
  return {
    agencies: [['', 'All agencies'], ...list.map(a => [a.code, `${a.code} · ${a.name}`])],
    provinces: [['', 'All provinces'], ...std.provinces.map(p => [p.code, `${p.code} · ${p.name}`])],
    levels: [['', 'All position levels'], ...std.positionLevels.map(l => [l.positionLevel, l.positionLevel])],
  };
}

/** Competency code → name, over the nine and the technical dictionary. */
export async function competencyNames() {
  const std = await loadStandard();
  const names = new Map(std.competencies.map(c => [c.code, c.name]));
  for (const family of std.technicalDictionary) {
    for (const c of family.competencies) {
      names.set(c.code, c.name);
    }
  }
  return names;
}
