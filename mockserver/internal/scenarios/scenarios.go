// Package scenarios holds the list requests that akmock's benchmarks measure (issue 4), shared by
// the benchmarks of the handler, the store and the query package, and mirrored by
// scripts/load.sh. Each comes with the stages it keeps, written plainly from authentik's
// semantics rather than with akmock's code, so that a benchmark can check once that it measures
// real work: a filter or search that wrongly kept nothing would otherwise report a fake speed.
package scenarios

import (
	"strings"

	"akmock/fixtures"
)

// Sizes are the store sizes every benchmark of the request path runs at.
var Sizes = []int{25, 1000, 10000, 100000}

// A Query is one benchmark list request.
type Query struct {
	Name string
	Raw  string // the query string, without '?'
	// Keeps reports whether the request keeps a stage (its filters and search; pagination and
	// ordering aside).
	Keeps func(s *fixtures.UserLoginStage) bool
}

// Queries are the benchmark list requests: the default list, a filtered list, a search, a
// multi-field ordering, a deep page, and all of filter, search and ordering at once.
var Queries = []Query{
	{"default", "", all},
	{"filter", "network_binding=bind_asn&terminate_other_sessions=true", func(s *fixtures.UserLoginStage) bool {
		return s.NetworkBinding == "bind_asn" && s.TerminateOtherSessions
	}},
	{"search", "search=login", NameContains("login")},
	{"ordering", "ordering=-geoip_binding,session_duration,-name", all},
	{"deep", "page=last&page_size=20", all},
	{"combined", "search=login&ordering=-session_duration,name&network_binding=bind_asn", func(s *fixtures.UserLoginStage) bool {
		return NameContains("login")(s) && s.NetworkBinding == "bind_asn"
	}},
}

// Named returns the query called name; it panics if there is none.
func Named(name string) Query {
	for _, q := range Queries {
		if q.Name == name {
			return q
		}
	}
	panic("scenarios: no query named " + name)
}

func all(*fixtures.UserLoginStage) bool { return true }

// NameContains keeps the stages whose name contains every term, ignoring case, as DRF's search
// over name does in PostgreSQL (UPPER(name) LIKE UPPER('%term%'), for each term).
func NameContains(terms ...string) func(s *fixtures.UserLoginStage) bool {
	return func(s *fixtures.UserLoginStage) bool {
		name := strings.ToUpper(s.Name)
		for _, t := range terms {
			if !strings.Contains(name, strings.ToUpper(t)) {
				return false
			}
		}
		return true
	}
}

// Count is how many of stages keeps keeps.
func Count(stages []fixtures.UserLoginStage, keeps func(s *fixtures.UserLoginStage) bool) int {
	n := 0
	for i := range stages {
		if keeps(&stages[i]) {
			n++
		}
	}
	return n
}
