// Whether a scan started now runs on sandbox data. A scan is live only when every stage is: discovery (Regrid or
// Overpass), imagery (Mapbox or Google) and the AI (Anthropic or OpenAI). If any stage would answer from its
// sandbox, the scores are not about real roofs: the scan is labelled sandbox and its leads are never billed.
import 'server-only'
import { isLive } from '@/lib/external/config'

export function scanRunsInSandbox(): boolean {
  const discovery = isLive('regrid') || isLive('overpass')
  const imagery = isLive('mapbox') || isLive('google_maps')
  const ai = isLive('anthropic') || isLive('openai')
  return !(discovery && imagery && ai)
}
