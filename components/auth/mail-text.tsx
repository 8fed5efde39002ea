// Plain-text email body with its URLs turned into links.
const URL_RE = /(https?:\/\/[^\s<>"')]+)/g

export function MailText({ text }: { text: string }) {
  const parts = text.split(URL_RE)
  return (
    <pre className="mt-3 whitespace-pre-wrap break-words font-sans text-sm text-slate-800">
      {parts.map((p, i) =>
        i % 2 === 1 ? (
          <a key={i} href={p} className="text-brand-600 underline">
            {p}
          </a>
        ) : (
          p
        ),
      )}
    </pre>
  )
}
