import { DatePicker, type DatePickerProps } from 'antd';

/** What the picker shows (its own date object); kept by the form so a step left and come back to shows it again. */
export type PickedValue = Exclude<DatePickerProps['value'], unknown[]>;

/** A field's text with the picker value that shows it. */
export interface PickedField {
  /** `YYYY-MM-DDTHH:mm` (with time) or `YYYY-MM-DD`, or '' when empty: the office's wall clock. */
  text: string;
  shown: PickedValue;
}

export const EMPTY_PICK: PickedField = { text: '', shown: null };

/**
 * A date (and time) field that reads and writes the same way in either
 * language (2026-11-26 10:00), never the system locale's 11/26/2026. What the
 * agent picks is a wall-clock time at the office (China time): the text goes
 * to `instantOfOfficeInput` as `YYYY-MM-DDTHH:mm`, whatever zone the desk's
 * system runs in. "Now" is hidden: it would be the desk's zone, not the office's.
 */
export function OfficeTimePicker({
  field,
  onChange,
  withTime = true,
  disabled,
  invalid,
  testId,
}: {
  field: PickedField;
  onChange: (field: PickedField) => void;
  withTime?: boolean;
  disabled?: boolean;
  invalid?: boolean;
  testId: string;
}) {
  return (
    <span data-testid={testId} data-value={field.text} className="claim-picker">
      <DatePicker
        showTime={withTime ? { format: 'HH:mm' } : false}
        format={withTime ? 'YYYY-MM-DD HH:mm' : 'YYYY-MM-DD'}
        placeholder={withTime ? '2026-01-31 09:30' : '2026-01-31'}
        needConfirm={false}
        showNow={false}
        disabled={disabled}
        status={invalid ? 'error' : undefined}
        value={field.shown ?? null}
        onChange={(shown, text) => {
          const t = typeof text === 'string' ? text : '';
          onChange({ text: withTime ? t.replace(' ', 'T') : t, shown: Array.isArray(shown) ? null : shown });
        }}
        style={{ width: '100%' }}
      />
    </span>
  );
}
