/** The search page: fetches the static index once, ranks as you type, keeps the query in the URL. */
import { useEffect, useMemo, useState } from 'preact/hooks';
import { type SearchDocument, search } from './search-index.ts';

export default function SearchPage() {
  const [query, setQuery] = useState('');
  const [documents, setDocuments] = useState<SearchDocument[] | null>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    setQuery(new URLSearchParams(location.search).get('q')?.slice(0, 200) ?? '');
    fetch('/search-index.json')
      .then((response) =>
        response.ok ? response.json() : Promise.reject(new Error(String(response.status))),
      )
      .then(setDocuments, () => setFailed(true));
  }, []);

  useEffect(() => {
    const url = new URL(location.href);
    if (query) url.searchParams.set('q', query);
    else url.searchParams.delete('q');
    history.replaceState(null, '', url);
  }, [query]);

  const hits = useMemo(() => (documents ? search(documents, query) : []), [documents, query]);
  return (
    <div class="search">
      <label for="search-input">Search lessons, challenges, the glossary and the reference</label>
      <input
        id="search-input"
        type="search"
        value={query}
        maxLength={200}
        onInput={(event) => setQuery(event.currentTarget.value)}
      />
      <p role="status" class="search-status">
        {failed
          ? 'The search index could not be loaded.'
          : !documents
            ? 'Loading the index…'
            : query.trim()
              ? `${hits.length} result${hits.length === 1 ? '' : 's'}`
              : ''}
      </p>
      <ol class="search-results">
        {hits.map((hit) => (
          <li key={hit.document.url + hit.document.title}>
            <a href={hit.document.url}>{hit.document.title}</a> <span class="kind">{hit.document.kind}</span>
            <p>{hit.excerpt}</p>
          </li>
        ))}
      </ol>
    </div>
  );
}
