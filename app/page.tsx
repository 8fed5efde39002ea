export default function Home() {
  return (
    <main id="main" className="mx-auto max-w-3xl p-8">
      <h1 className="text-3xl font-bold">Fish Mouth</h1>
      <p className="mt-2 text-slate-600">Roof leads that book themselves.</p>
    </main>
  )
}
