/**
 * The voter's phone verification, shared by the voting page and the objection form: a one-time
 * code by SMS, then a voter session (`POST /voter/session`) kept in this tab; and its end
 * (`DELETE /voter/session`), which ends every session of the number (a lost or shared phone).
 */
import { useState } from 'preact/hooks';
import { ApiError, api, setVoterSession } from './api';
import { FieldMessage } from './fields';
import { t } from './i18n';
import { ErrorBox } from './ui';

/** Verifies a mobile number by a one-time code and keeps the voter session (voting and objections need it). */
export const VerifyPhone = ({ onVerified }: { onVerified: () => void }) => {
  const [phone, setPhone] = useState('');
  const [sent, setSent] = useState(false);
  const [error, setError] = useState<unknown>();
  const fields = error instanceof ApiError ? error.fields : [];
  const requestCode = async (event: Event) => {
    event.preventDefault();
    try {
      await api.requestCode(phone);
      setSent(true);
      setError(undefined);
    } catch (e) {
      setError(e);
    }
  };
  const verify = async (event: Event) => {
    event.preventDefault();
    const code = String(new FormData(event.target as HTMLFormElement).get('code'));
    try {
      setVoterSession(await api.startSession(phone, code));
      onVerified();
    } catch (e) {
      setError(e);
    }
  };
  return (
    <section aria-labelledby="verify-title">
      <h2 id="verify-title">{t('验证手机号码', 'Verify your mobile number')}</h2>
      <ErrorBox error={error} />
      <form onSubmit={requestCode} class="stack" noValidate>
        <label>
          {t('手机号码', 'Mobile number')}
          <input
            name="phone"
            type="tel"
            inputMode="numeric"
            autoComplete="tel"
            required
            value={phone}
            onInput={(e) => setPhone((e.target as HTMLInputElement).value.trim())}
          />
          <FieldMessage fields={fields} path="phone" />
        </label>
        <button type="submit">
          {sent ? t('重新发送验证码', 'Send the code again') : t('获取验证码', 'Send me a code')}
        </button>
      </form>
      {sent && (
        <form onSubmit={verify} class="stack" noValidate>
          <p role="status">{t('验证码已发送，请查收短信。', 'A code is on its way by SMS.')}</p>
          <label>
            {t('短信验证码（6位）', 'The 6-digit code')}
            <input
              name="code"
              inputMode="numeric"
              autoComplete="one-time-code"
              pattern="\d{6}"
              maxLength={6}
              required
            />
            <FieldMessage fields={fields} path="code" />
          </label>
          <button type="submit">{t('验证', 'Verify')}</button>
        </form>
      )}
    </section>
  );
};

/** Ends every session of the verified number, on every device, and forgets it here. */
export const EndVoterSession = ({ onEnded }: { onEnded: () => void }) => {
  const [error, setError] = useState<unknown>();
  const end = async () => {
    try {
      await api.endSession();
    } catch (e) {
      // Already ended elsewhere (401): forgetting it here is all that is left to do.
      if (!(e instanceof ApiError && e.status === 401)) return setError(e);
    }
    setVoterSession(null);
    onEnded();
  };
  return (
    <p>
      <ErrorBox error={error} />
      <button type="button" onClick={end}>
        {t('退出验证（所有设备）', 'Sign this number out everywhere')}
      </button>
    </p>
  );
};
