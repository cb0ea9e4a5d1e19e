import {withQuery} from '../api.js';
import {field, h, heading} from '../dom.js';
import {feed} from './activity.js';

/** /search?term=…: the term lives in the address, so a search can be reloaded and shared. */
export async function searchView(app, params, url) {
  const term = url.searchParams.get('term') ?? '';
  document.title = term ? `${term} · Search · Cruddur` : 'Search · Cruddur';
  const input = h('input', {id: 'search-term', name: 'term', type: 'search', value: term, testid: 'search-term',
    autocomplete: 'off', enterkeyhint: 'search'});
  const form = h('form', {class: 'search-form', role: 'search'},
    field('Search cruds', input, 'Whole words or #hashtags, any case.'),
    h('button', {type: 'submit', class: 'crud-button', testid: 'search-submit'}, 'Search'));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    app.router.navigate(withQuery('/search', {term: input.value.trim()}));
  });
  const results = term.trim()
    ? await feed(app, withQuery('/api/activities/search', {term}), {empty: `No cruds match “${term}”.`, testid: 'results'})
    : null;
  return h('section', {}, heading('Search'), form, results);
}
