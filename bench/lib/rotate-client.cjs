'use strict'
// autocannon setupClient (loaded by path inside its worker thread): each connection starts the shared tile
// list at a different offset, so connections do not ask for the same tile at the same moment.
let connection = 0

module.exports = function setupClient(client) {
  const requests = client.opts.requests
  if (!Array.isArray(requests) || requests.length < 2) return
  const offset = Math.floor((connection++ * requests.length) / Math.max(1, client.opts.connections)) % requests.length
  client.setRequests(requests.slice(offset).concat(requests.slice(0, offset)))
}
