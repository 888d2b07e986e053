/** A field's reason, under the field, in the agent's language (the wizard's and the stage dialog's fields alike). */
export function FieldReason({ field, text }: { field: string; text: string | null }) {
  if (!text) return null;
  return (
    <div className="claim-field-error" role="alert" data-testid={`claim-field-error-${field}`}>
      {text}
    </div>
  );
}
