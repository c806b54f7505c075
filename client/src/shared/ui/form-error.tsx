/** A form's error line, read out by screen readers; renders nothing without a message. */
export function FormError({ message, testId }: { message: string | null; testId?: string }) {
  if (!message) return null
  return (
    <p className="form-error" role="alert" data-testid={testId}>
      {message}
    </p>
  )
}
