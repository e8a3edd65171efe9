/**
 * Pages of a list read with the API's keyset cursor: the cursors of the pages seen so far (the
 * first page has none), back to the last one and on to the next; back to the first page whenever
 * the list's filter changes.
 */
import { useState } from 'react';
import { FormattedMessage } from 'react-intl';
import { useTerms } from '../i18n/terms.js';
import { Button } from './kit.js';

export function useCursorPages(filterKey: string) {
  // The cursors belong to the filter they were read under: another filter starts at its first page
  // in the same render, so no request goes out with the last filter's cursor.
  const [pages, setPages] = useState<{ filterKey: string; cursors: string[] }>({ filterKey, cursors: [] });
  const cursors = pages.filterKey === filterKey ? pages.cursors : [];
  const setCursors = (next: string[]) => setPages({ filterKey, cursors: next });
  return { cursor: cursors.at(-1), cursors, setCursors };
}

export function CursorPager({
  pages,
  next,
  previousLabel = 'cases.previous',
  nextLabel = 'cases.next',
}: {
  pages: ReturnType<typeof useCursorPages>;
  /** The cursor of the page after this one, as the API gave it; none on the last page. */
  next: string | null | undefined;
  previousLabel?: string;
  nextLabel?: string;
}) {
  const { t } = useTerms();
  const { cursors, setCursors } = pages;
  return (
    <nav className="pager" aria-label={t('cases.pages')}>
      <Button kind="secondary" disabled={cursors.length === 0} onClick={() => setCursors(cursors.slice(0, -1))}>
        <FormattedMessage id={previousLabel} />
      </Button>
      <Button kind="secondary" disabled={!next} onClick={() => next && setCursors([...cursors, next])}>
        <FormattedMessage id={nextLabel} />
      </Button>
    </nav>
  );
}
