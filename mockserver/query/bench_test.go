package query_test

import (
	"cmp"
	"net/url"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"

	"akmock/fixtures"
	"akmock/mockserver/internal/scenarios"
	"akmock/mockserver/query"
	"akmock/mockserver/query/collate"
)

var (
	benchRowsMu sync.Mutex
	benchRows   = map[int][]*query.Row{}
)

// mustRows returns n generated stages (seed 1) as rows in insertion order, laid out as the store
// lays them out, built once per size.
// Callers must not modify the slice.
func mustRows(tb testing.TB, n int) []*query.Row {
	tb.Helper()
	benchRowsMu.Lock()
	defer benchRowsMu.Unlock()
	if rows, ok := benchRows[n]; ok {
		return rows
	}
	block := query.NewRows(fixtures.Generate(1, n))
	rows := make([]*query.Row, n)
	for i := range block {
		rows[i] = &block[i]
	}
	benchRows[n] = rows
	return rows
}

// mustKeep fails tb unless got holds exactly the rows keeps keeps, in their order in rows: the
// benchmarks check once that they measure real work.
func mustKeep(tb testing.TB, got, rows []*query.Row, keeps func(*fixtures.UserLoginStage) bool) {
	tb.Helper()
	var want []*query.Row
	for _, r := range rows {
		if keeps(r.Stage) {
			want = append(want, r)
		}
	}
	if !slices.Equal(got, want) {
		tb.Fatalf("kept %d of %d rows, want %d", len(got), len(rows), len(want))
	}
}

// mustDecodeAsStdlib fails tb unless ParseValues decodes raw as net/url does, the last value of
// a key winning: for the benchmarks' plain query strings the two agree.
func mustDecodeAsStdlib(tb testing.TB, raw string) {
	tb.Helper()
	got, err := query.ParseValues(raw)
	std, stdErr := url.ParseQuery(raw)
	if err != nil || stdErr != nil || len(got) != len(std) {
		tb.Fatalf("ParseValues(%q) = %v, %v; net/url: %v, %v", raw, got, err, std, stdErr)
	}
	for k, vs := range std {
		if got[k] != vs[len(vs)-1] {
			tb.Fatalf("ParseValues(%q)[%q] = %q, want %q", raw, k, got[k], vs[len(vs)-1])
		}
	}
}

// mustParams parses a raw query string into list parameters.
func mustParams(tb testing.TB, raw string) query.Params {
	tb.Helper()
	v, err := query.ParseValues(raw)
	if err != nil {
		tb.Fatal(err)
	}
	p, err := query.Parse(v)
	if err != nil {
		tb.Fatal(err)
	}
	return p
}

// BenchmarkQueryString measures decoding each benchmark request's query string (Django's
// QueryDict rules) and turning it into [query.Params].
func BenchmarkQueryString(b *testing.B) {
	for _, q := range scenarios.Queries {
		b.Run(q.Name, func(b *testing.B) {
			mustDecodeAsStdlib(b, q.Raw)
			b.ReportAllocs()
			for b.Loop() {
				v, err := query.ParseValues(q.Raw)
				if err != nil {
					b.Fatal(err)
				}
				if _, err := query.Parse(v); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkFilter measures django-filter's exact lookups (network_binding and
// terminate_other_sessions) over every row.
func BenchmarkFilter(b *testing.B) {
	q := scenarios.Named("filter")
	p := mustParams(b, q.Raw)
	for _, n := range scenarios.Sizes {
		rows := mustRows(b, n)
		mustKeep(b, query.Filter(rows, p.Filters), rows, q.Keeps)
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				query.Filter(rows, p.Filters)
			}
		})
	}
}

// BenchmarkSearch measures DRF's SearchFilter over every row's name: one term, and three terms
// (a quoted one among them).
func BenchmarkSearch(b *testing.B) {
	for _, tc := range []struct {
		name, raw string
		keeps     func(*fixtures.UserLoginStage) bool
	}{
		{"one", "search=login", scenarios.NameContains("login")},
		{"three", "search=%22default-%22+login+1", scenarios.NameContains("default-", "login", "1")},
		// about 32 KiB, akmock's longest request target: one letter 16,384 times (each was a
		// pass over every row before repeated terms were searched once), and empty terms
		{"repeated", "search=" + strings.Repeat("e+", 16<<10), scenarios.NameContains("e")},
		{"empty", "search=" + strings.Repeat("%27%27+", 4<<10), scenarios.NameContains()},
	} {
		p := mustParams(b, tc.raw)
		for _, n := range scenarios.Sizes {
			rows := mustRows(b, n)
			mustKeep(b, query.Search(rows, p.Search), rows, tc.keeps)
			b.Run(tc.name+"/"+strconv.Itoa(n), func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					query.Search(rows, p.Search)
				}
			})
		}
	}
}

// BenchmarkOrder measures a full sort of every row (what the store does once per ordering and
// data version): the default ordering by name, and a three-field ordering. Each iteration
// sorts a fresh copy of the rows in insertion order; the copy is part of the time.
func BenchmarkOrder(b *testing.B) {
	en, err := collate.Lookup("en_US")
	if err != nil {
		b.Fatal(err)
	}
	for _, tc := range []struct {
		name, ordering string
		collation      collate.Collation
	}{
		{"name", "name", collate.C},
		{"multi", "-geoip_binding,session_duration,-name", collate.C},
		{"name-en_US", "name", en},
	} {
		o, err := query.ParseOrdering(tc.ordering)
		if err != nil {
			b.Fatal(err)
		}
		for _, n := range scenarios.Sizes {
			rows := mustRows(b, n)
			work := make([]*query.Row, n)
			b.Run(tc.name+"/"+strconv.Itoa(n), func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					copy(work, rows)
					query.Order(work, o, tc.collation)
				}
				if !slices.IsSortedFunc(work, func(x, y *query.Row) int { return orderCompare(x.Stage, y.Stage, o, tc.collation) }) {
					b.Fatalf("ordering %s: rows out of order", tc.ordering)
				}
			})
		}
	}
}

// BenchmarkPaginate measures cutting the page out of all rows: the first page, and the last
// page of 20 rows (a deep page).
func BenchmarkPaginate(b *testing.B) {
	sizes := query.PageSizes{Default: 100}
	for _, tc := range []struct {
		name string
		req  query.PageRequest
		want func(rows []*query.Row) []*query.Row // the page's rows
	}{
		{"first", query.PageRequest{}, func(rows []*query.Row) []*query.Row { return rows[:min(len(rows), 100)] }},
		{"deep", query.PageRequest{Page: "last", PageSize: "20"}, func(rows []*query.Row) []*query.Row { return rows[(len(rows)-1)/20*20:] }},
	} {
		for _, n := range scenarios.Sizes {
			rows := mustRows(b, n)
			b.Run(tc.name+"/"+strconv.Itoa(n), func(b *testing.B) {
				if page, err := query.Paginate(rows, tc.req, sizes); err != nil || !slices.Equal(page.Rows, tc.want(rows)) {
					b.Fatalf("%d rows from row %d (%v), want %d", len(page.Rows), page.StartIndex, err, len(tc.want(rows)))
				}
				b.ReportAllocs()
				for b.Loop() {
					if _, err := query.Paginate(rows, tc.req, sizes); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

// TestOrderIsStable checks [query.Order] against a plain stable sort by the same keys, on
// generated rows with many ties (the benchmarks' speed must not change the order), under both
// collations.
func TestOrderIsStable(t *testing.T) {
	rows := mustRows(t, 3000)
	en, err := collate.Lookup("en_US")
	if err != nil {
		t.Fatal(err)
	}
	for _, ordering := range []string{
		"name", "-name", "pk", "terminate_other_sessions", "-terminate_other_sessions",
		"geoip_binding", "-geoip_binding,session_duration,-name", "network_binding,-remember_me_offset",
		"session_duration,terminate_other_sessions,geoip_binding,network_binding",
	} {
		for _, coll := range []collate.Collation{collate.C, en} {
			t.Run(ordering+"/"+coll.String(), func(t *testing.T) {
				o, err := query.ParseOrdering(ordering)
				if err != nil {
					t.Fatal(err)
				}
				got := slices.Clone(rows)
				query.Order(got, o, coll)
				want := slices.Clone(rows)
				sort.SliceStable(want, func(i, j int) bool { return orderCompare(want[i].Stage, want[j].Stage, o, coll) < 0 })
				for i := range want {
					if got[i] != want[i] {
						t.Fatalf("row %d: got %q, want %q", i, got[i].Stage.Name, want[i].Stage.Name)
					}
				}
			})
		}
	}
}

// orderCompare is the reference comparison of two stages by o's terms: each term in turn, text
// under the collation, false before true.
func orderCompare(a, b *fixtures.UserLoginStage, o query.Ordering, coll collate.Collation) int {
	for _, term := range o {
		var c int
		switch term.Field {
		case query.FieldPK:
			c = strings.Compare(a.PK, b.PK)
		case query.FieldName:
			c = strings.Compare(coll.Key(a.Name), coll.Key(b.Name))
		case query.FieldSessionDuration:
			c = strings.Compare(coll.Key(a.SessionDuration), coll.Key(b.SessionDuration))
		case query.FieldTerminateOtherSessions:
			c = cmp.Compare(benchBoolRank(a.TerminateOtherSessions), benchBoolRank(b.TerminateOtherSessions))
		case query.FieldRememberMeOffset:
			c = strings.Compare(coll.Key(a.RememberMeOffset), coll.Key(b.RememberMeOffset))
		case query.FieldNetworkBinding:
			c = strings.Compare(coll.Key(a.NetworkBinding), coll.Key(b.NetworkBinding))
		case query.FieldGeoIPBinding:
			c = strings.Compare(coll.Key(a.GeoIPBinding), coll.Key(b.GeoIPBinding))
		}
		if term.Descending {
			c = -c
		}
		if c != 0 {
			return c
		}
	}
	return 0
}

func benchBoolRank(b bool) int {
	if b {
		return 1
	}
	return 0
}
