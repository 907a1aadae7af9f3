import { api } from '../api';
import { beijing, statusName, t } from '../i18n';
import { savedReceipts } from '../receipts-store';
import { Loaded, Page, useAsync } from '../ui';

/** The receipts this device got for the campaign, each with what became of it. */
export const ReceiptsPage = ({ cid }: { cid: string }) => {
  const saved = savedReceipts(cid);
  const statuses = useAsync(
    () =>
      Promise.all(
        saved.map((r) =>
          api.receipt(r.receiptId).then(
            (found) => found.status,
            () => 'unknown',
          ),
        ),
      ),
    [cid],
  );
  return (
    <Page title={t('我的投票凭证', 'My receipts')}>
      {saved.length === 0 ? (
        <p>{t('本设备上还没有投票凭证。', 'No receipts on this device yet.')}</p>
      ) : (
        <Loaded async={statuses}>
          {(list) => (
            <>
              <button type="button" onClick={statuses.reload}>
                {t('刷新状态', 'Refresh')}
              </button>
              <table class="receipts">
                <thead>
                  <tr>
                    <th scope="col">{t('候选', 'Candidate')}</th>
                    <th scope="col">{t('状态', 'Status')}</th>
                    <th scope="col">{t('凭证号', 'Receipt')}</th>
                  </tr>
                </thead>
                <tbody>
                  {saved.map((r, i) => (
                    <tr key={r.receiptId} data-status={list[i]}>
                      <td>
                        {r.name}
                        <small>{beijing(r.at)}</small>
                      </td>
                      <td>{statusName(list[i] ?? 'unknown')}</td>
                      <td>
                        <code class="hash">{r.receiptId}</code>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          )}
        </Loaded>
      )}
    </Page>
  );
};
