import { api } from '../api';
import { beijing, stageName, t } from '../i18n';
import { Loaded, Page, useAsync } from '../ui';

/** The campaigns open to the public, newest first. */
export const Home = () => {
  const campaigns = useAsync(() => api.campaigns(), []);
  return (
    <Page title={t('评选活动', 'Campaigns')}>
      <Loaded async={campaigns}>
        {(list) =>
          list.length === 0 ? (
            <p>{t('暂无公开的评选活动。', 'No campaign is public yet.')}</p>
          ) : (
            <ul class="cards">
              {[...list]
                .sort((a, b) => b.year - a.year)
                .map((c) => (
                  <li key={c.id} class="card">
                    <a href={`/c/${encodeURIComponent(c.id)}`}>{c.name}</a>
                    <p>
                      {t('当前阶段', 'Stage')}: <strong>{stageName(c.stage)}</strong> · {beijing(c.stageChangedAt)}
                    </p>
                  </li>
                ))}
            </ul>
          )
        }
      </Loaded>
    </Page>
  );
};
