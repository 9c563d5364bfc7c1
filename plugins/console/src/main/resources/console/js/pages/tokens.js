// Personal access tokens of the logged-in user: list, create (the raw token is shown once), delete.

import { del, get, post, seg } from '../api.js';
import { micros } from '../format.js';
import { button, card, confirmAction, errorBox, field, h, input, onSubmit, pageTitle, run, select, table } from '../ui.js';

const EXPIRIES = [['0', 'Never'], ['3600', '1 hour'], ['86400', '1 day'], ['604800', '7 days'], ['2592000', '30 days']];

export async function render(root) {
  const list = h('div', {}, h('p', {}, 'Loading…'));
  const name = input({ required: true, minlength: 3, maxlength: 30, autocomplete: 'off', id: 'token-name' });
  const expiry = select({ id: 'token-expiry' }, EXPIRIES);
  const shown = h('div', { 'aria-live': 'polite' });
  const form = h('form', { class: 'grid-form', 'aria-label': 'Create token' },
    field('Token name', name), field('Expires after', expiry), h('div', {}, h('button', { type: 'submit' }, 'Create token')));
  onSubmit(form, async () => {
    const created = await post('/personal-access-tokens', { name: name.value.trim(), expiry: Number(expiry.value) * 1e6 });
    const value = h('input', { type: 'text', readonly: true, value: created.token, id: 'new-token', class: 'token' });
    shown.replaceChildren(h('div', { class: 'notice' },
      field(`Token “${name.value.trim()}” — copy it now, it is shown only once`, value),
      button('Copy', () => navigator.clipboard?.writeText(created.token))));
    value.select();
  }, 'Token created', async () => { form.reset(); await load(); });
  root.replaceChildren(...pageTitle('Personal access tokens'),
    h('p', {}, 'Tokens log in as you (here, with the CLI or any SDK) without your password.'),
    list, card('Create a token', form, shown));

  async function load() {
    try {
      const tokens = await get('/personal-access-tokens');
      list.replaceChildren(table('Your tokens', [
        ['Name', (t) => t.name],
        ['Expires', (t) => (t.expiry_at ? micros(t.expiry_at) : 'never')],
        ['Actions', (t) => button('Delete', async () => {
          if (await confirmAction(`Delete token “${t.name}”? Clients using it can no longer log in.`)) {
            await run(() => del(`/personal-access-tokens/${seg(t.name)}`), 'Token deleted', load);
          }
        }, { class: 'danger', 'aria-label': `Delete token ${t.name}` })],
      ], tokens, 'You have no tokens.'));
    } catch (e) {
      list.replaceChildren(errorBox(e));
    }
  }
  await load();
}
