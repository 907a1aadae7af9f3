import { useState } from 'preact/hooks';
import { api, type PublicCandidate } from '../api';
import { categoryName, t } from '../i18n';
import { Loaded, Page, useAsync } from '../ui';

/** The first photo's thumbnail (made at verification), lazily loaded with its size so the page does not jump. */
export const Photo = ({ candidate, eager = false }: { candidate: PublicCandidate; eager?: boolean }) => {
  const first = candidate.photos[0];
  if (!first) return <div class="photo none" aria-hidden="true" />;
  const photo = first.thumbnail ?? first;
  return (
    <img
      class="photo"
      src={photo.url}
      alt={candidate.name}
      width={photo.width ?? 320}
      height={photo.height ?? 240}
      loading={eager ? 'eager' : 'lazy'}
      decoding="async"
    />
  );
};

/** The public candidate list, filtered by category, district and sector. */
export const Gallery = ({ cid }: { cid: string }) => {
  const params = new URLSearchParams(location.search);
  const [filter, setFilter] = useState({
    category: params.get('category') ?? '',
    district: params.get('district') ?? '',
    sector: params.get('sector') ?? '',
  });
  const campaign = useAsync(() => api.campaign(cid), [cid]);
  const candidates = useAsync(
    () => api.candidates(cid, filter),
    [cid, filter.category, filter.district, filter.sector],
  );
  const change = (key: keyof typeof filter) => (event: Event) => {
    const next = { ...filter, [key]: (event.target as HTMLSelectElement).value };
    setFilter(next);
    const query = new URLSearchParams(Object.entries(next).filter(([, v]) => v)).toString();
    history.replaceState(null, '', query ? `?${query}` : location.pathname);
  };
  return (
    <Page title={t('候选名单', 'Candidates')}>
      <Loaded async={campaign}>
        {(c) => (
          <form class="filters" onSubmit={(e) => e.preventDefault()}>
            <label>
              {t('类别', 'Category')}
              <select value={filter.category} onChange={change('category')}>
                <option value="">{t('全部', 'All')}</option>
                <option value="window">{categoryName('window')}</option>
                <option value="star">{categoryName('star')}</option>
              </select>
            </label>
            <label>
              {t('县市区', 'District')}
              <select value={filter.district} onChange={change('district')}>
                <option value="">{t('全部', 'All')}</option>
                {c.rules.districts.map((d) => (
                  <option key={d.id} value={d.id}>
                    {d.name}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {t('行业', 'Sector')}
              <select value={filter.sector} onChange={change('sector')}>
                <option value="">{t('全部', 'All')}</option>
                {c.rules.sectors.map((s) => (
                  <option key={s} value={s}>
                    {s}
                  </option>
                ))}
              </select>
            </label>
          </form>
        )}
      </Loaded>
      <Loaded async={candidates}>
        {(list) => (
          <>
            <p aria-live="polite">
              {t('共', '')} {list.length} {t('名候选', 'candidates')}
            </p>
            <ul class="gallery">
              {list.map((candidate, i) => (
                <li key={candidate.id} class="card">
                  <a href={`/c/${encodeURIComponent(cid)}/candidates/${encodeURIComponent(candidate.id)}`}>
                    <Photo candidate={candidate} eager={i < 2} />
                    <strong>{candidate.name}</strong>
                  </a>
                  <span>
                    {candidate.categoryName} · {candidate.district.name} · {candidate.sector}
                  </span>
                </li>
              ))}
            </ul>
          </>
        )}
      </Loaded>
    </Page>
  );
};
