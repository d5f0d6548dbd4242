package mockserver_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync"
	"testing"

	"akmock/mockserver"
	"akmock/mockserver/internal/scenarios"
)

const benchList = "/api/v3/stages/user_login/"

var (
	benchServersMu sync.Mutex
	benchServers   = map[string]*mockserver.Server{}
)

// mustBenchServer returns a server on n generated stages (seed 1) with the given validation
// mode, built once per size and mode: generating 100,000 stages takes a while.
func mustBenchServer(tb testing.TB, n int, mode mockserver.ValidateMode) *mockserver.Server {
	tb.Helper()
	key := fmt.Sprint(n, mode)
	benchServersMu.Lock()
	defer benchServersMu.Unlock()
	if s, ok := benchServers[key]; ok {
		return s
	}
	s, err := mockserver.New(mockserver.Config{Count: n, Validate: mode})
	if err != nil {
		tb.Fatal(err)
	}
	benchServers[key] = s
	return s
}

// mustServe sends one request to s through httptest and fails unless it is answered 200.
func mustServe(tb testing.TB, s http.Handler, target string) *httptest.ResponseRecorder {
	tb.Helper()
	w := httptest.NewRecorder()
	s.ServeHTTP(w, benchGet(target))
	if w.Code != http.StatusOK {
		tb.Fatalf("GET %s: %d %s", target, w.Code, w.Body.Bytes())
	}
	return w
}

// mustCount fails tb unless GET target reports a count of want stages and holds as many rows as
// its pagination says: the benchmarks check once that they measure real work.
func mustCount(tb testing.TB, s http.Handler, target string, want int) {
	tb.Helper()
	var page listPage
	if err := json.Unmarshal(mustServe(tb, s, target).Body.Bytes(), &page); err != nil {
		tb.Fatalf("GET %s: %v", target, err)
	}
	if err := page.rowsError(); err != nil || page.Pagination.Count != want {
		tb.Fatalf("GET %s: count %d, want %d (%v)", target, page.Pagination.Count, want, err)
	}
}

// benchRequest measures one request in a loop, after a first request that fills the caches a
// running server has warm (the sorted rows of the ordering, the schema check of each stage on
// the page, the page itself).
func benchRequest(b *testing.B, s http.Handler, target string) {
	b.Helper()
	w := mustServe(b, s, target)
	b.SetBytes(int64(w.Body.Len()))
	benchRequests(b, s, []*http.Request{benchGet(target)})
}

// benchRequests measures the requests in turn, one per iteration.
func benchRequests(b *testing.B, s http.Handler, reqs []*http.Request) {
	b.Helper()
	i := 0
	b.ReportAllocs()
	for b.Loop() {
		w := httptest.NewRecorder()
		r := reqs[i%len(reqs)]
		s.ServeHTTP(w, r)
		if w.Code != http.StatusOK {
			b.Fatalf("GET %s: %d", r.URL, w.Code)
		}
		i++
	}
}

// benchGet is a GET of target with the token.
func benchGet(target string) *http.Request {
	r := httptest.NewRequest(http.MethodGet, target, nil)
	r.Header.Set("Authorization", "Bearer "+mockserver.DefaultToken)
	return r
}

// BenchmarkList measures the whole list handler through httptest, for each benchmark request at
// each size, with strict validation. The request repeats, so after the first one the page comes
// from the server's page cache: routing, query string, authentication, the cache lookup, the
// check of the page's parts, headers. BenchmarkListUncached measures building pages.
func BenchmarkList(b *testing.B) {
	for _, q := range scenarios.Queries {
		for _, n := range scenarios.Sizes {
			b.Run(q.Name+"/"+strconv.Itoa(n), func(b *testing.B) {
				target := benchList
				if q.Raw != "" {
					target += "?" + q.Raw
				}
				s := mustBenchServer(b, n, mockserver.ValidateStrict)
				mustCount(b, s, target, scenarios.Count(s.Store().Current().Stages(), q.Keeps))
				benchRequest(b, s, target)
			})
		}
	}
}

// BenchmarkListUncached measures list pages that are not in the page cache: the default
// ordering and page size, cycling over the pages, each request with a parameter DRF ignores
// (a different value each time, over 1,024 requests: far more pages than the cache holds) so its
// query string is new to the cache. It runs query parsing, the store's sorted-rows cache,
// pagination and the copy of the page's stages into a new body.
func BenchmarkListUncached(b *testing.B) {
	for _, n := range scenarios.Sizes {
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			s := mustBenchServer(b, n, mockserver.ValidateStrict)
			pages := (n + 99) / 100
			reqs := make([]*http.Request, 1024)
			for i := range reqs {
				target := benchList + "?page=" + strconv.Itoa(i%pages+1) + "&unused=" + strconv.Itoa(i)
				if i < pages {
					mustServe(b, s, target) // checks the page's stages, as a running server would have
				}
				reqs[i] = benchGet(target)
			}
			benchRequests(b, s, reqs)
		})
	}
}

// BenchmarkListWhole measures a page of every stage (page_size is not capped), written to a
// writer that keeps nothing, as a connection would take it: a page too long to keep (from
// 10,000 stages) is written from the stored stages, so its memory per request stays small
// whatever its length.
func BenchmarkListWhole(b *testing.B) {
	for _, n := range scenarios.Sizes {
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			s := mustBenchServer(b, n, mockserver.ValidateStrict)
			target := benchList + "?page_size=" + strconv.Itoa(n)
			mustCount(b, s, target, n) // checks every stage, as a running server would have
			req := benchGet(target)
			serve := func() int {
				w := &discardWriter{header: http.Header{}}
				s.ServeHTTP(w, req)
				if w.status != http.StatusOK || strconv.Itoa(w.written) != w.header.Get("Content-Length") {
					b.Fatalf("GET %s: %d, %d bytes for a Content-Length of %s", target, w.status, w.written, w.header.Get("Content-Length"))
				}
				return w.written
			}
			b.SetBytes(int64(serve()))
			b.ReportAllocs()
			for b.Loop() {
				serve()
			}
		})
	}
}

// BenchmarkListValidation shows what validation costs on the default list at 10,000 stages:
// strict (the pagination object on every request; each stage only the first time it is
// served) against off.
func BenchmarkListValidation(b *testing.B) {
	for _, mode := range []mockserver.ValidateMode{mockserver.ValidateStrict, mockserver.ValidateOff} {
		b.Run(string(mode), func(b *testing.B) {
			benchRequest(b, mustBenchServer(b, 10000, mode), benchList)
		})
	}
}

// BenchmarkRetrieve measures GET of one stage by UUID through httptest at each size, cycling
// over 1,024 stages spread across the store (each checked against the schema before timing).
func BenchmarkRetrieve(b *testing.B) {
	for _, n := range scenarios.Sizes {
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			s := mustBenchServer(b, n, mockserver.ValidateStrict)
			entries := s.Store().Current().Entries()
			reqs := make([]*http.Request, min(1024, len(entries)))
			for i := range reqs {
				target := benchList + entries[i*len(entries)/len(reqs)].Row.Stage.PK + "/"
				mustServe(b, s, target)
				reqs[i] = benchGet(target)
			}
			benchRequests(b, s, reqs)
		})
	}
}

// BenchmarkStartup measures what a fresh server costs before its first list answer: seeded
// generation, serialization of every stage, schema compilation, and the first default list
// (sorting every stage by name, checking the 100 stages of the page). At 100,000 stages run it
// with -benchtime 1x.
func BenchmarkStartup(b *testing.B) {
	for _, n := range scenarios.Sizes {
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				s, err := mockserver.New(mockserver.Config{Count: n})
				if err != nil {
					b.Fatal(err)
				}
				mustServe(b, s, benchList)
			}
		})
	}
}

// BenchmarkCompressed measures answers compressed as authentik's router compresses them for a
// client that accepts gzip or deflate (as Go's, browsers' and most HTTP clients do by default),
// at 10,000 stages: a retrieve, cycling over 1,024 stages, and the default list. After the
// first round each compressed body comes from the server's cache of recent ones, found by a
// hash of the body and a comparison.
func BenchmarkCompressed(b *testing.B) {
	s := mustBenchServer(b, 10000, mockserver.ValidateStrict)
	entries := s.Store().Current().Entries()
	for _, coding := range []string{"gzip", "deflate"} {
		accept := func(r *http.Request) *http.Request {
			r.Header.Set("Accept-Encoding", coding)
			return r
		}
		b.Run("retrieve/"+coding, func(b *testing.B) {
			reqs := make([]*http.Request, 1024)
			for i := range reqs {
				target := benchList + entries[i*len(entries)/len(reqs)].Row.Stage.PK + "/"
				mustServe(b, s, target)
				reqs[i] = accept(benchGet(target))
			}
			benchRequests(b, s, reqs)
		})
		b.Run("list/"+coding, func(b *testing.B) {
			mustServe(b, s, benchList)
			benchRequests(b, s, []*http.Request{accept(benchGet(benchList))})
		})
	}
}
