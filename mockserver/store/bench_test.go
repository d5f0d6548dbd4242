package store_test

import (
	"net/url"
	"strconv"
	"sync"
	"testing"

	"akmock/fixtures"
	"akmock/mockserver/internal/scenarios"
	"akmock/mockserver/query"
	"akmock/mockserver/query/collate"
	"akmock/mockserver/store"
)

var (
	benchStagesMu sync.Mutex
	benchStages   = map[int][]fixtures.UserLoginStage{}
)

// mustStages returns n generated stages (seed 1), made once per size. Callers must not modify
// them.
func mustStages(tb testing.TB, n int) []fixtures.UserLoginStage {
	tb.Helper()
	benchStagesMu.Lock()
	defer benchStagesMu.Unlock()
	if s, ok := benchStages[n]; ok {
		return s
	}
	s := fixtures.Generate(1, n)
	benchStages[n] = s
	return s
}

// BenchmarkPrepare measures building a version: every stage serialized once, its query row and
// the pk index (start-up, Reset and a replacement of the data pay this).
func BenchmarkPrepare(b *testing.B) {
	for _, n := range scenarios.Sizes {
		stages := mustStages(b, n)
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if v := store.Prepare(stages); v.Len() != n {
					b.Fatalf("Len = %d, want %d", v.Len(), n)
				}
			}
		})
	}
}

// BenchmarkSorted measures the per-ordering cache of a version: a hit (what every list request
// after the first pays) and a miss (a copy and a full sort). Misses cycle through more two-field
// orderings than the cache keeps, so that every call sorts.
func BenchmarkSorted(b *testing.B) {
	hit, err := query.ParseOrdering("-geoip_binding,session_duration,-name")
	if err != nil {
		b.Fatal(err)
	}
	fields := []string{"name", "pk", "session_duration", "terminate_other_sessions", "remember_me_offset", "network_binding", "geoip_binding"}
	var misses []query.Ordering
	for _, f1 := range fields {
		for _, f2 := range fields {
			if o, err := query.ParseOrdering("-" + f1 + "," + f2); err == nil && f1 != f2 {
				misses = append(misses, o)
			}
		}
	}
	if len(misses) <= 32 {
		b.Fatalf("%d orderings: the cache would hold them all", len(misses))
	}
	for _, n := range scenarios.Sizes {
		v := store.Prepare(mustStages(b, n))
		b.Run("hit/"+strconv.Itoa(n), func(b *testing.B) {
			if got := len(v.Sorted(hit, collate.C)); got != n {
				b.Fatalf("%d rows sorted, want %d", got, n)
			}
			b.ReportAllocs()
			for b.Loop() {
				v.Sorted(hit, collate.C)
			}
		})
		b.Run("miss/"+strconv.Itoa(n), func(b *testing.B) {
			if got := len(v.Sorted(misses[len(misses)-1], collate.C)); got != n {
				b.Fatalf("%d rows sorted, want %d", got, n)
			}
			i := 0
			b.ReportAllocs()
			for b.Loop() {
				v.Sorted(misses[i%len(misses)], collate.C)
				i++
			}
		})
	}
}

// BenchmarkGet measures the pk lookup of a retrieve, cycling over every stage.
func BenchmarkGet(b *testing.B) {
	for _, n := range scenarios.Sizes {
		stages := mustStages(b, n)
		v := store.Prepare(stages)
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			i := 0
			for b.Loop() {
				if _, ok := v.Get(stages[i%n].PK); !ok {
					b.Fatal("stage not found")
				}
				i++
			}
		})
	}
}

// BenchmarkWrite measures one copy-on-write update (PATCH's store part): the next version with
// one stage replaced.
func BenchmarkWrite(b *testing.B) {
	for _, n := range scenarios.Sizes {
		stages := mustStages(b, n)
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			s := store.New(store.Prepare(stages))
			i := 0
			b.ReportAllocs()
			for b.Loop() {
				_, err := s.Write(func(v *store.Version) (fixtures.UserLoginStage, error) {
					st := *v.Entries()[i%n].Stage()
					st.TerminateOtherSessions = !st.TerminateOtherSessions
					return st, nil
				})
				if err != nil {
					b.Fatal(err)
				}
				i++
			}
		})
	}
}

// BenchmarkWriteThenSort measures a write followed by the list the next request asks for (the
// default ordering, sorted in the version before): the write carries that ordering over, so the
// list sorts nothing. Text compared bytewise (C) and under en_US, whose keys cost more to make.
func BenchmarkWriteThenSort(b *testing.B) {
	en, err := collate.Lookup("en_US")
	if err != nil {
		b.Fatal(err)
	}
	for _, coll := range []collate.Collation{collate.C, en} {
		for _, n := range scenarios.Sizes {
			stages := mustStages(b, n)
			b.Run(coll.String()+"/"+strconv.Itoa(n), func(b *testing.B) {
				s := store.New(store.Prepare(stages))
				s.Current().Sorted(query.DefaultOrdering, coll)
				i := 0
				b.ReportAllocs()
				for b.Loop() {
					_, err := s.Write(func(v *store.Version) (fixtures.UserLoginStage, error) {
						st := *v.Entries()[i%n].Stage()
						st.Name = stages[i%n].Name + strconv.Itoa(i/n%2) // renamed, and no longer each time
						return st, nil
					})
					if err != nil {
						b.Fatal(err)
					}
					if got := len(s.Current().Sorted(query.DefaultOrdering, coll)); got != n {
						b.Fatalf("%d rows sorted, want %d", got, n)
					}
					i++
				}
			})
		}
	}
}

// mustParams parses a raw query string into list parameters.
func mustParams(tb testing.TB, raw string) query.Params {
	tb.Helper()
	values, err := query.ParseValues(raw)
	if err != nil {
		tb.Fatal(err)
	}
	p, err := query.Parse(values)
	if err != nil {
		tb.Fatal(err)
	}
	return p
}

// TestSelect checks that [store.Version.Select], cached or not, gives what sorting, filtering
// and searching give.
func TestSelect(t *testing.T) {
	v := store.Prepare(mustStages(t, 1000))
	for _, tt := range []struct{ name, raw string }{
		{"nothing", ""},
		{"ordering only", "ordering=-pk"},
		{"filter", "network_binding=bind_asn&terminate_other_sessions=true"},
		{"same filter, other ordering", "network_binding=bind_asn&terminate_other_sessions=true&ordering=pk"},
		{"false is not absent", "terminate_other_sessions=false"},
		{"search", "search=login"},
		{"two terms", "search=login+default"},
		{"term order does not matter to rows", "search=default+login"},
		{"combined", "search=login&ordering=-session_duration,name&network_binding=bind_asn"},
		{"no match", "search=no-such-stage-anywhere"},
		{"name", "name=" + url.QueryEscape(mustStages(t, 1000)[7].Name)},
	} {
		t.Run(tt.name, func(t *testing.T) {
			p := mustParams(t, tt.raw)
			want := query.Search(query.Filter(v.Sorted(p.Ordering, collate.C), p.Filters), p.Search)
			for range 2 {
				got := v.Select(p.Filters, p.Search, p.Ordering, collate.C)
				if len(got) != len(want) {
					t.Fatalf("%d rows, want %d", len(got), len(want))
				}
				for i := range want {
					if got[i] != want[i] {
						t.Fatalf("row %d is %q, want %q", i, got[i].Stage.Name, want[i].Stage.Name)
					}
				}
			}
		})
	}
}

// BenchmarkSelect measures [store.Version.Select] on the benchmark's filtered, searched and
// combined requests: a cache hit, which a repeated request pays.
func BenchmarkSelect(b *testing.B) {
	for _, name := range []string{"filter", "search", "combined"} {
		q := scenarios.Named(name)
		p := mustParams(b, q.Raw)
		for _, n := range scenarios.Sizes {
			stages := mustStages(b, n)
			v := store.Prepare(stages)
			if got, want := len(v.Select(p.Filters, p.Search, p.Ordering, collate.C)), scenarios.Count(stages, q.Keeps); got != want {
				b.Fatalf("%s: %d rows selected, want %d", q.Raw, got, want)
			}
			b.Run(q.Name+"/"+strconv.Itoa(n), func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					v.Select(p.Filters, p.Search, p.Ordering, collate.C)
				}
			})
		}
	}
}
