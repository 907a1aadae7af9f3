/**
 * The office's registry (登记册): supervising departments and window units, imported from a CSV or xlsx
 * table after a dry run that shows each row's errors; the staff accounts with their roles and scope.
 */
import { useState } from 'preact/hooks';
import { type Account, api, type ImportReport } from '../api';
import { t } from '../i18n';
import { Loaded, useAsync } from '../ui';
import { useAction } from './action';

type Kind = 'departments' | 'units';
const ROLES = ['admin', 'district', 'department', 'applicant', 'judge'] as const;

/** A CSV as its text, an xlsx as base64 (what POST /registry/import takes). */
const readTable = (file: File): Promise<{ format: 'csv' | 'xlsx'; content: string }> =>
  /\.xlsx$/i.test(file.name)
    ? new Promise((resolve, reject) => {
        const reader = new FileReader();
        reader.onload = () => resolve({ format: 'xlsx', content: String(reader.result).replace(/^data:[^,]*,/, '') });
        reader.onerror = () => reject(reader.error);
        reader.readAsDataURL(file);
      })
    : file.text().then((content) => ({ format: 'csv', content }));

const Import = ({ onImported }: { onImported: () => void }) => {
  const [kind, setKind] = useState<Kind>('departments');
  const [file, setFile] = useState<File>();
  const [report, setReport] = useState<ImportReport>();
  const { run, view } = useAction();
  const send = (dryRun: boolean) =>
    run(
      dryRun ? t('预检完成', 'Dry run done') : t('已导入', 'Imported'),
      async () => {
        setReport(undefined);
        setReport(await api.importRegistry({ kind, ...(await readTable(file!)), dryRun }));
      },
      dryRun ? undefined : onImported,
    );
  return (
    <section aria-labelledby="registry-import" class="stack">
      <h2 id="registry-import">{t('导入名录', 'Import')}</h2>
      <label>
        {t('名录类别', 'Kind')}
        <select value={kind} onChange={(e) => setKind((e.target as HTMLSelectElement).value as Kind)}>
          <option value="departments">{t('主管部门', 'Departments')}</option>
          <option value="units">{t('窗口单位', 'Units')}</option>
        </select>
      </label>
      <label>
        {t('表格文件（CSV 或 xlsx）', 'Table (CSV or xlsx)')}
        <input
          type="file"
          accept=".csv,.xlsx,text/csv"
          onChange={(e) => {
            setFile((e.target as HTMLInputElement).files?.[0]);
            setReport(undefined);
          }}
        />
      </label>
      <div class="actions">
        <button type="button" disabled={!file} onClick={() => send(true)}>
          {t('预检', 'Dry run')}
        </button>
        <button
          type="button"
          class="primary"
          disabled={!report?.dryRun || report.errors.length > 0}
          onClick={() => send(false)}
        >
          {t('导入', 'Import')}
        </button>
      </div>
      {view}
      {report && (
        <p data-testid="import-report">
          {t(
            `共 ${report.rows} 行：新增 ${report.created}，修改 ${report.changed}，不变 ${report.unchanged}，错误 ${report.errors.length}${report.written ? '，已写入' : ''}`,
            `${report.rows} rows: ${report.created} new, ${report.changed} changed, ${report.unchanged} unchanged, ${report.errors.length} errors${report.written ? ', written' : ''}`,
          )}
        </p>
      )}
      {report && report.errors.length > 0 && (
        <table class="row-errors">
          <caption>{t('逐行错误', 'Errors by row')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('行', 'Row')}</th>
              <th scope="col">{t('列', 'Column')}</th>
              <th scope="col">{t('问题', 'Problem')}</th>
            </tr>
          </thead>
          <tbody>
            {report.errors.map((e) => (
              <tr key={`${e.row}-${e.field}`}>
                <td>{e.row}</td>
                <td>{e.field}</td>
                <td>{t(e.message, e.messageEn)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
};

const NewAccount = ({ onCreated }: { onCreated: () => void }) => {
  const [a, setA] = useState({
    username: '',
    name: '',
    email: '',
    role: 'applicant',
    district: '',
    department: '',
    unit: '',
  });
  const { run, view } = useAction();
  const field = (key: keyof typeof a, label: string) => (
    <label>
      {label}
      <input value={a[key]} onInput={(e) => setA({ ...a, [key]: (e.target as HTMLInputElement).value })} />
    </label>
  );
  return (
    <form
      class="stack"
      onSubmit={(e) => {
        e.preventDefault();
        const { role, district, department, unit, ...rest } = a;
        const scope = Object.fromEntries(Object.entries({ district, department, unit }).filter(([, v]) => v));
        run(
          t(`已创建账号：${a.username}`, `Account created: ${a.username}`),
          () => api.createAccount({ ...rest, roles: [role as Account['roles'][number]], ...scope }),
          onCreated,
        );
      }}
    >
      <h3>{t('新建账号', 'New account')}</h3>
      {view}
      {field('username', t('用户名', 'Username'))}
      {field('name', t('姓名', 'Name'))}
      {field('email', t('电子邮箱', 'E-mail'))}
      <label>
        {t('角色', 'Role')}
        <select value={a.role} onChange={(e) => setA({ ...a, role: (e.target as HTMLSelectElement).value })}>
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {r}
            </option>
          ))}
        </select>
      </label>
      {field('district', t('县市区（编号）', 'District (id)'))}
      {field('department', t('主管部门（编号）', 'Department (id)'))}
      {field('unit', t('窗口单位（编号）', 'Unit (id)'))}
      <button type="submit" class="primary">
        {t('创建', 'Create')}
      </button>
    </form>
  );
};

const Accounts = () => {
  const accounts = useAsync(() => api.accounts(), []);
  const { run, view } = useAction();
  return (
    <section aria-labelledby="accounts" class="stack">
      <h2 id="accounts">{t('账号', 'Accounts')}</h2>
      {view}
      <Loaded async={accounts}>
        {(list) => (
          <table>
            <tbody>
              {list.map((a) => (
                <tr key={a.username} data-username={a.username}>
                  <th scope="row">
                    {a.name} ({a.username})
                  </th>
                  <td>{a.roles.join('、')}</td>
                  <td>{[a.district, a.department, a.unit].filter(Boolean).join(' / ')}</td>
                  <td>{a.enabled ? t('启用', 'enabled') : t('已停用', 'disabled')}</td>
                  <td>
                    <button
                      type="button"
                      onClick={() =>
                        run(
                          a.enabled
                            ? t(`已停用：${a.username}`, `Disabled: ${a.username}`)
                            : t(`已启用：${a.username}`, `Enabled: ${a.username}`),
                          () => api.updateAccount(a.username, { enabled: !a.enabled }),
                          accounts.reload,
                        )
                      }
                    >
                      {a.enabled ? t('停用', 'Disable') : t('启用', 'Enable')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Loaded>
      <NewAccount onCreated={accounts.reload} />
    </section>
  );
};

export const Registry = () => {
  const departments = useAsync(() => api.departments(), []);
  const units = useAsync(() => api.units(), []);
  const reload = () => {
    departments.reload();
    units.reload();
  };
  return (
    <>
      <section aria-labelledby="departments">
        <h2 id="departments">{t('主管部门', 'Departments')}</h2>
        <Loaded async={departments}>
          {(list) => (
            <ul data-testid="departments">
              {list.map((d) => (
                <li key={d.id}>
                  {d.name} · {d.id} · {d.district}
                  {d.sector ? ` · ${d.sector}` : ''}
                </li>
              ))}
            </ul>
          )}
        </Loaded>
      </section>
      <section aria-labelledby="units">
        <h2 id="units">{t('窗口单位', 'Units')}</h2>
        <Loaded async={units}>
          {(list) => (
            <ul data-testid="units">
              {list.map((u) => (
                <li key={u.id}>
                  {u.name} · {u.id} · {u.district} · {u.department}
                </li>
              ))}
            </ul>
          )}
        </Loaded>
      </section>
      <Import onImported={reload} />
      <Accounts />
    </>
  );
};
