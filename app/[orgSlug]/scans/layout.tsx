// Scans are a manager's tool (scan.read: OWNER, ADMIN, MANAGER). The check runs here, in the layout, before any
// loading boundary of the scan pages streams, so a rep or viewer gets the 404 page WITH a 404 status (the org
// home's loading skeleton lives in the (home) group for the same reason: a loading.tsx at the org level would
// stream the shell with a 200 before this check).
import { requireScanPage } from './scan-page-data'

export default async function ScansLayout({ children, params }: { children: React.ReactNode; params: Promise<{ orgSlug: string }> }) {
  const { orgSlug } = await params
  await requireScanPage(orgSlug, 'scan.read')
  return children
}
