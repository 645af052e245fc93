// Starts Bluesky's reference stack (PLC, PDS, AppView from @atproto/dev-env) for the
// connector's integration tests, creates the two test accounts, and prints one JSON line
// with the PDS URL (on 127.0.0.1) once everything is ready. Stops on SIGTERM or SIGINT.
// Needs DB_POSTGRES_URL and REDIS_HOST (see setup.sh, which sets both to loopback).
import { TestNetwork } from '@atproto/dev-env'

const ACCOUNTS = [
  { name: 'leuchtturm', handle: 'leuchtturm.test', email: 'team@leuchtturm.test', password: 'leuchtturm-team-pass' },
  { name: 'anna', handle: 'anna.test', email: 'anna@leuchtturm.test', password: 'leuchtturm-anna-pass' },
]

// A fresh schema per start (letters only, as bsync demands), so reruns never meet old rows.
const letters = 'abcdefghijklmnopqrstuvwxyz'
const schema = Array.from({ length: 10 }, () => letters[Math.floor(Math.random() * 26)]).join('')
const pdsPort = Number(process.env.LEUCHTTURM_BSKY_PDS_PORT || 0) || undefined
const network = await TestNetwork.create({
  dbPostgresSchema: `leuchtturm_${schema}`,
  pds: pdsPort ? { port: pdsPort } : {},
})
const seed = network.getSeedClient()
for (const account of ACCOUNTS) {
  const { name, ...params } = account
  await seed.createAccount(name, params)
}
await network.processAll()

const pds = network.pds.url.replace('localhost', '127.0.0.1')
console.log(JSON.stringify({ ready: true, pds, accounts: ACCOUNTS.map(({ handle }) => handle) }))

let closing = false
const stop = async () => {
  if (closing) return
  closing = true
  await network.close()
  process.exit(0)
}
process.on('SIGTERM', stop)
process.on('SIGINT', stop)
// The AppView indexes the PDS's firehose on its own; nudging it keeps counts fresh.
setInterval(() => network.processAll().catch(() => {}), 500)
