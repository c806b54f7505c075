/** Props of {@link MatchText}. */
export interface MatchTextProps {
  text: string
  /** What was searched; its first place in `text` (ignoring case) is marked. */
  query: string
}

/** `text` with the part that matched the search in `<mark>`, as the search matched it: anywhere, ignoring case. */
export function MatchText({ text, query }: MatchTextProps) {
  const needle = query.trim().toLowerCase()
  const at = needle ? text.toLowerCase().indexOf(needle) : -1
  if (at < 0) return <>{text}</>
  return (
    <>
      {text.slice(0, at)}
      <mark className="search-mark">{text.slice(at, at + needle.length)}</mark>
      {text.slice(at + needle.length)}
    </>
  )
}
