export function SandboxBanner() {
  return (
    <div role="status" className="bg-amber-100 px-4 py-1.5 text-center text-xs font-medium text-amber-900">
      Sandbox mode: no real messages are sent. Emails land in the sandbox mailbox until provider keys are configured.
    </div>
  )
}
