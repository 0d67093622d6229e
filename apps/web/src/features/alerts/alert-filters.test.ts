import { describe, expect, it } from 'vitest';
import { filtersFromSearch, filtersToSearch, historyQuery, isFiltered, NO_FILTERS } from './alert-filters.js';

describe('the alert history filters', () => {
  it('read back from the query string what they wrote, and nothing when nothing is filtered', () => {
    const f = {
      severity: 'critical',
      status: 'firing',
      source: 'container',
      acked: 'no',
      q: 'web 1',
    } as const;
    expect(filtersToSearch(f)).toBe('?severity=critical&status=firing&source=container&acked=no&q=web+1');
    expect(filtersFromSearch(filtersToSearch(f))).toEqual(f);
    expect(filtersToSearch(NO_FILTERS)).toBe('');
    expect(isFiltered(NO_FILTERS)).toBe(false);
    expect(isFiltered({ ...NO_FILTERS, acked: 'yes' })).toBe(true);
  });

  it('ignore values the API would refuse (an old or hand-typed link)', () => {
    expect(filtersFromSearch('?severity=fatal&source=cron&acked=maybe&status=open')).toEqual(NO_FILTERS);
  });

  it('ask the API for one page, with only the filters that are set', () => {
    expect(historyQuery(NO_FILTERS, 50)).toEqual({ limit: 50 });
    expect(
      historyQuery(
        { severity: 'warning', status: 'resolved', source: 'host', acked: 'yes', q: '  disk ' },
        20,
      ),
    ).toEqual({ limit: 20, severity: 'warning', status: 'resolved', source: 'host', acked: true, q: 'disk' });
    expect(historyQuery({ ...NO_FILTERS, acked: 'no' }, 20, 1_700_000_000_000)).toEqual({
      limit: 20,
      acked: false,
      before: 1_700_000_000_000,
    });
  });
});
