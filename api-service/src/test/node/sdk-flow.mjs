// Drives Stratus with Scaleway's official JS SDK, exactly as a user pointing it at Stratus would.
// Inputs (env): STRATUS_API_URL, STRATUS_SECRET_KEY, STRATUS_PROJECT_ID, STRATUS_ZIP (path of a code zip).
// Prints one JSON line with what it observed; any failed expectation throws and exits non-zero.
import { readFileSync } from 'node:fs'
import assert from 'node:assert/strict'
import { createClient, Errors } from '@scaleway/sdk-client'
import { Functionv1beta1 } from '@scaleway/sdk-function'
import argon2 from 'argon2'

const client = createClient({
  apiURL: process.env.STRATUS_API_URL,
  accessKey: 'SCWXXXXXXXXXXXXXXXXX',
  secretKey: process.env.STRATUS_SECRET_KEY,
  defaultProjectId: process.env.STRATUS_PROJECT_ID,
  defaultRegion: 'fr-par',
})
const api = new Functionv1beta1.API(client)
const suffix = Math.random().toString(36).slice(2, 8)
const seen = {}

const ns = await api.createNamespace({
  name: `sdk-${suffix}`,
  environmentVariables: { GREETING: 'hello' },
  secretEnvironmentVariables: [{ key: 'API_TOKEN', value: 's3cret-value' }],
})
seen.namespaceStatus = ns.status
assert.equal(ns.secretEnvironmentVariables.length, 1)
seen.secretHashVerifies = await argon2.verify(ns.secretEnvironmentVariables[0].hashedValue, 's3cret-value')
seen.secretHashRejectsOther = !(await argon2.verify(ns.secretEnvironmentVariables[0].hashedValue, 'other'))
await api.waitForNamespace({ namespaceId: ns.id })

const runtimes = await api.listFunctionRuntimes()
seen.runtimes = runtimes.runtimes.map(r => r.name)

const fn = await api.createFunction({ namespaceId: ns.id, name: 'hello', runtime: 'node22', privacy: 'public' })
seen.createdStatus = fn.status
seen.handler = fn.handler
seen.timeout = fn.timeout
await api.createFunction({ namespaceId: ns.id, name: 'second', runtime: 'python311' })

const zip = readFileSync(process.env.STRATUS_ZIP)
const upload = await api.getFunctionUploadURL({ functionId: fn.id, contentLength: zip.length })
const put = await fetch(upload.url, { method: 'PUT', body: zip, headers: { 'Content-Type': 'application/octet-stream' } })
seen.uploadStatus = put.status

const deployed = await api.deployFunction({ functionId: fn.id })
seen.deployStatus = deployed.status

const page = await api.listFunctions({ namespaceId: ns.id, pageSize: 1 })
seen.pageLength = page.functions.length
seen.totalCount = page.totalCount
seen.allNames = (await api.listFunctions({ namespaceId: ns.id, pageSize: 1, orderBy: 'name_asc' }).all())
  .map(f => f.name)

try {
  await api.getFunction({ functionId: '00000000-0000-4000-8000-000000000000' })
  seen.missing = 'no error'
} catch (e) {
  seen.missing = e instanceof Errors.ResourceNotFoundError ? 'ResourceNotFoundError' : `${e.name}: ${e.message}`
}

const deleted = await api.deleteFunction({ functionId: fn.id })
seen.deletedStatus = deleted.status
try {
  await api.getFunction({ functionId: fn.id })
  seen.afterDelete = 'still there'
} catch (e) {
  seen.afterDelete = e instanceof Errors.ResourceNotFoundError ? 'ResourceNotFoundError' : `${e.name}`
}
const deletedNs = await api.deleteNamespace({ namespaceId: ns.id })
seen.deletedNamespaceStatus = deletedNs.status

console.log(JSON.stringify(seen))
