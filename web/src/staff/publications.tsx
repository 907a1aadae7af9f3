/**
 * The publication outputs for the office and a district: the 公示名单 and 获奖名单 (HTML to print, CSV for the
 * newspaper), a district's forms in one print document, every certificate. Fetched with the staff token.
 */
import { useState } from 'preact/hooks';
import { api, staffUser } from '../api';
import { t } from '../i18n';
import { Loaded, useAsync } from '../ui';
import { useAction } from './action';
import { download, openHtml } from './files';

export const Publications = ({ cid }: { cid: string }) => {
  const user = staffUser()!;
  const isAdmin = user.roles.includes('admin');
  const campaign = useAsync(() => api.campaign(cid), [cid]);
  const [district, setDistrict] = useState(user.district ?? '');
  const { run, view } = useAction();
  const base = `/campaigns/${encodeURIComponent(cid)}`;
  const opened = t('已打开', 'Opened');
  const downloaded = t('已下载', 'Downloaded');
  const lists: Array<[string, [string, string]]> = [
    ['publicity-list', ['公示名单', 'Publicity list']],
    ['results/list', ['获奖名单', 'Winners list']],
  ];
  return (
    <section aria-labelledby="publications" class="stack">
      <h2 id="publications">{t('公示与发布材料', 'Publication outputs')}</h2>
      {view}
      {lists.map(([path, names]) => (
        <div key={path} class="actions">
          <button type="button" onClick={() => run(opened, () => openHtml(`${base}/${path}?format=html`))}>
            {t(...names)} HTML
          </button>
          <button
            type="button"
            onClick={() =>
              run(downloaded, () => download(`${base}/${path}?format=csv`, `${cid}-${path.replace('/', '-')}.csv`))
            }
          >
            {t(...names)} CSV
          </button>
        </div>
      ))}
      <div class="actions">
        {isAdmin ? (
          <Loaded async={campaign}>
            {(c) => (
              <label>
                {t('县市区', 'District')}
                <select value={district} onChange={(e) => setDistrict((e.target as HTMLSelectElement).value)}>
                  <option value="">{t('请选择', 'Choose')}</option>
                  {c.rules.districts.map((d) => (
                    <option key={d.id} value={d.id}>
                      {d.name}
                    </option>
                  ))}
                </select>
              </label>
            )}
          </Loaded>
        ) : null}
        <button
          type="button"
          disabled={!district}
          onClick={() => run(opened, () => openHtml(`${base}/forms-print?district=${encodeURIComponent(district)}`))}
        >
          {t('打印本县市区全部申报表', "Print the district's forms")}
        </button>
        {isAdmin && (
          <button type="button" onClick={() => run(opened, () => openHtml(`${base}/certificates`))}>
            {t('全部获奖证书', 'All certificates')}
          </button>
        )}
      </div>
    </section>
  );
};
