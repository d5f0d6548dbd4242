package mockserver

import "akmock/mockserver/store"

// Store gives the tests direct access to the data. What it publishes ([store.Store.Publish] of
// a [store.Prepare]d version) is taken as it is, unchecked; [Server.ReplaceStages] is the
// checked way to replace the data.
func (s *Server) Store() *store.Store { return s.store }

// Store gives the tests direct access to the test server's data; see [Server.Store].
func (ts *TestServer) Store() *store.Store { return ts.srv.store }
