// The console's shell: sign-in, navigation between the views, sign-out.
import * as api from './api.js';
import { h, clear } from './dom.js';
import { nineBox } from './ninebox.js';
import { competencyMap } from './competencies.js';
import { dataQuality } from './quality.js';
import { stewardship } from './stewardship.js';
import { submissions } from './submissions.js';

const views = {
  'nine-box': { title: '9-box', scope: 'analytics.read', render: nineBox },
  'competency-map': { title: 'Competency map', scope: 'analytics.read', render: competencyMap },
  'data-quality': { title: 'Data quality', scope: 'analytics.read', render: dataQuality },
  stewardship: { title: 'Stewardship', scope: 'stewardship', render: stewardship },
  submissions: { title: 'Submissions', scope: 'submissions.write', render: submissions },
};

const byId = name => document.getElementById(name);

function showSignIn(message) {
  byId('nav').hidden = true;
  byId('sign-out').hidden = true;
  byId('who').textContent = '';
  clear(byId('view'));
  byId('sign-in').hidden = false;
  byId('sign-in-error').textContent = message ?? '';
  byId('client-secret').value = '';
  byId('client-id').focus();
}

function route() {
  if (api.current() === null) {
    return;
  }
  const name = location.hash.slice(1);
  const view = views[name] ?? views['nine-box'];
  for (const link of byId('nav').querySelectorAll('a')) {
    if (link.getAttribute('href') === `#${name in views ? name : 'nine-box'}`) {
      link.setAttribute('aria-current', 'page');
    } else {
      link.removeAttribute('aria-current');
    }
  }
  document.title = `${view.title} · TalentHub console`;
  const container = clear(byId('view'));
  const section = h('section', { 'aria-labelledby': 'view-title' }, h('h2', { id: 'view-title' }, view.title));
  container.append(section);
  if (!api.has(view.scope)) {
    section.append(h('p', { class: 'error' }, `This view needs the ${view.scope} scope, which the token does not carry.`));
    return;
  }
  view.render(section).catch(error => section.append(h('p', { class: 'error', role: 'alert' }, error.message)));
}

async function signIn(event) {
  event.preventDefault();
  const form = event.target;
  const scopes = [...form.querySelectorAll('input[name=scope]:checked')].map(input => input.value);
  const button = form.querySelector('button[type=submit]');
  button.disabled = true;
  byId('sign-in-error').textContent = '';
  try {
    const session = await api.signIn(byId('client-id').value.trim(), byId('client-secret').value, scopes);
    byId('client-secret').value = '';
    byId('sign-in').hidden = true;
    byId('nav').hidden = false;
    byId('sign-out').hidden = false;
    byId('who').textContent = `Signed in as ${session.clientId} · scopes: ${[...session.scopes].join(' ')}`;
    route();
    byId('main').focus();
  } catch (error) {
    byId('sign-in-error').textContent = `Sign-in failed: ${error.message}`;
  } finally {
    button.disabled = false;
  }
}

api.onExpired(message => showSignIn(message));
byId('sign-in-form').addEventListener('submit', signIn);
byId('sign-out').addEventListener('click', () => {
  api.signOut();
  showSignIn('Signed out.');
});
window.addEventListener('hashchange', route);
