import sharp from 'sharp'
const files = process.argv.slice(3)
const out = process.argv[2]
const tile = 320
const cols = 3
const rows = Math.ceil(files.length / cols)
const comps = await Promise.all(files.map(async (f, i) => ({ input: await sharp(f).resize(tile, tile).toBuffer(), left: (i % cols) * tile, top: Math.floor(i / cols) * tile })))
await sharp({ create: { width: cols * tile, height: rows * tile, channels: 3, background: '#fff' } }).composite(comps).png().toFile(out)
