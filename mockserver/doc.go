// Package mockserver serves authentik 2025.6's user login stage API from memory.
//
// A [Server] is an [http.Handler]. Every route of authentik's viewset goes through the same
// steps DRF's APIView takes (query string, content negotiation, authentication, permissions,
// then the action), each handler returns a value or an error, and one adapter turns either into
// bytes, validates them against the embedded JSON Schemas ([akmock/schema]) and writes them:
// no handler of the viewset or the control API touches the [http.ResponseWriter] (the health
// checks write their bare 204 themselves), and every error is rendered in errors.go (an injected
// fault's body and a schema violation's 500 too). What authentik's Go router does to the
// answers it carries (Vary, and gzip or deflate for a client that asks) is done there too, in
// compress.go.
//
// The data lives in a [store.Store] of immutable versions; the list semantics (filters,
// search, ordering, pagination) are the pure package [akmock/mockserver/query].
package mockserver
