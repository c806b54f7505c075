'use strict'
// autocannon setupClient (loaded by path inside its worker thread): each connection starts the shared tile
// list at a different offset, so connections do not ask for the same tile at the same moment.
let connection = 0

module.exports = function setupClient(client) {
  // the body is counted, never read: autocannon would otherwise decode every answer into a string (for expectBody,
  // which no workload uses), ~1 MB of UTF-8 an OGC page, on the machine's CPU the server is measured on; pgbench
  // keeps its rows as bytes
  client.pipelinedRequests.addBody = () => {}
  const requests = client.opts.requests
  if (!Array.isArray(requests) || requests.length < 2) return
  const offset = Math.floor((connection++ * requests.length) / Math.max(1, client.opts.connections)) % requests.length
  client.setRequests(requests.slice(offset).concat(requests.slice(0, offset)))
}
