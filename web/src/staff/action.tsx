import { useState } from 'preact/hooks';
import { ErrorBox } from '../ui';

/** Runs an action and shows what happened (a status line or the API's error). */
export const useAction = () => {
  const [error, setError] = useState<unknown>();
  const [done, setDone] = useState('');
  const run = async (what: string, action: () => Promise<unknown>, after?: () => void) => {
    setError(undefined);
    setDone('');
    try {
      await action();
      setDone(what);
      after?.();
    } catch (e) {
      setError(e);
    }
  };
  const view = (
    <>
      <ErrorBox error={error} />
      {done && (
        <p role="status" class="ok">
          {done}
        </p>
      )}
    </>
  );
  return { run, view };
};
