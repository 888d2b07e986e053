import { useState } from 'react';
import { errorPayload } from './call';

/**
 * A modal form's submit: busy while it runs, the error (typed, for
 * EntryError) when it fails, cleared on the next try. `run` gets the
 * validated values; a validation failure leaves the form to show it.
 */
export function useModalSubmit<V>(validate: () => Promise<V>, run: (values: V) => Promise<void>) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ReturnType<typeof errorPayload> | null>(null);
  const submit = async () => {
    const values = await validate();
    setBusy(true);
    setError(null);
    try {
      await run(values);
    } catch (err) {
      setError(errorPayload(err));
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, setError, submit: () => void submit().catch(() => undefined) };
}
