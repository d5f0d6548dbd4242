package store_test

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"strconv"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"akmock/fixtures"
	"akmock/mockserver/query"
	"akmock/mockserver/query/collate"
	"akmock/mockserver/store"
)

// stageNamed is a valid stage whose pk is derived from key, so tests can name stages freely.
func stageNamed(key, name string) fixtures.UserLoginStage {
	return fixtures.UserLoginStage{
		PK:               fixtures.UUID5URL("store-test:" + key),
		Name:             name,
		SessionDuration:  fixtures.DefaultDuration,
		RememberMeOffset: fixtures.DefaultDuration,
		NetworkBinding:   fixtures.DefaultBinding,
		GeoIPBinding:     fixtures.DefaultBinding,
	}
}

// abc is three stages inserted as b, c, a (so insertion order is not name order); the first has
// a flow.
func abc() []fixtures.UserLoginStage {
	b, c, a := stageNamed("b", "b"), stageNamed("c", "C"), stageNamed("a", "a")
	b.FlowSet = []*fixtures.Flow{{PK: fixtures.UUID5URL("flow"), PolicyBindingModelPtrID: fixtures.UUID5URL("pbm"), Name: "F", Slug: "the-slug",
		Title: "T", Designation: "authentication", Background: fixtures.DefaultBackground, PolicyEngineMode: "any", Layout: "stacked",
		DeniedAction: "message_continue"}}
	return []fixtures.UserLoginStage{b, c, a}
}

func mustNewStore(t *testing.T, stages []fixtures.UserLoginStage) *store.Store {
	t.Helper()
	s := store.New(store.Prepare(stages))
	require.Equal(t, len(stages), s.Current().Len())
	return s
}

func namesIn(v *store.Version) []string {
	var out []string
	for _, e := range v.Entries() {
		out = append(out, e.Stage().Name)
	}
	return out
}

func rowNames(rows []*query.Row) []string {
	out := make([]string, len(rows))
	for i, r := range rows {
		out[i] = r.Stage.Name
	}
	return out
}

// put is a Write that stores stage as it is.
func put(s *store.Store, stage fixtures.UserLoginStage) (*store.Entry, error) {
	return s.Write(func(*store.Version) (fixtures.UserLoginStage, error) { return stage, nil })
}

func TestPrepare(t *testing.T) {
	stages := abc()
	v := store.Prepare(stages)
	require.Equal(t, 3, v.Len())
	assert.Equal(t, stages, v.Stages())
	assert.Equal(t, []string{"b", "C", "a"}, namesIn(v))
	for i, e := range v.Entries() {
		assert.Equal(t, string(stages[i].AppendJSON(nil)), string(e.JSON), "entry %d holds the stage's API bytes", i)
		assert.Same(t, e.Row.Stage, e.Stage())
		got, ok := v.Get(stages[i].PK)
		require.True(t, ok)
		assert.Same(t, e, got)
		assert.Same(t, e, v.Entry(e.Row))
		assert.False(t, e.Checked())
	}
	_, ok := v.Get(fixtures.UUID5URL("absent"))
	assert.False(t, ok)

	// The version owns its data: changing the caller's slice afterwards changes nothing.
	stages[0].Name = "changed"
	assert.Equal(t, "b", v.Entries()[0].Stage().Name)
	// Stages returns a copy.
	out := v.Stages()
	out[1].Name = "changed too"
	assert.Equal(t, []string{"b", "C", "a"}, namesIn(v))

	empty := store.Prepare(nil)
	assert.Equal(t, 0, empty.Len())
	assert.Empty(t, empty.Entries())
	assert.Empty(t, empty.Sorted(query.DefaultOrdering, collate.C))
}

func TestEntryChecked(t *testing.T) {
	s := mustNewStore(t, abc())
	before := s.Current()
	e := before.Entries()[0]
	assert.False(t, e.Checked())
	e.MarkChecked()
	assert.True(t, e.Checked())
	before.Entries()[1].MarkChecked()
	assert.False(t, before.Entries()[2].Checked())

	// A write makes a new, unchecked entry for the written stage only; the other entries are
	// shared with the earlier version and stay checked.
	next := *e.Stage()
	next.Name = "b2"
	written, err := put(s, next)
	require.NoError(t, err)
	after := s.Current()
	assert.False(t, written.Checked())
	assert.Same(t, written, after.Entries()[0])
	assert.Same(t, before.Entries()[1], after.Entries()[1])
	assert.True(t, after.Entries()[1].Checked())
	assert.True(t, before.Entries()[0].Checked(), "the earlier version keeps its entry")
}

func TestWrite(t *testing.T) {
	base := abc()
	newStage := stageNamed("d", "d")
	replaced := base[1]
	replaced.Name = "C2"
	replaced.TerminateOtherSessions = true
	errRefused := errors.New("refused")
	for _, tt := range []struct {
		name      string
		stage     fixtures.UserLoginStage
		err       error
		wantNames []string
	}{
		{"append", newStage, nil, []string{"b", "C", "a", "d"}},
		{"replace in place", replaced, nil, []string{"b", "C2", "a"}},
		{"replace the last", func() fixtures.UserLoginStage { s := base[2]; s.Name = "z"; return s }(), nil, []string{"b", "C", "z"}},
		{"error leaves data", newStage, errRefused, []string{"b", "C", "a"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			s := mustNewStore(t, base)
			before := s.Current()
			var seen *store.Version
			e, err := s.Write(func(v *store.Version) (fixtures.UserLoginStage, error) {
				seen = v
				return tt.stage, tt.err
			})
			assert.Same(t, before, seen, "change runs on the current version")
			after := s.Current()
			assert.Equal(t, tt.wantNames, namesIn(after))
			if tt.err != nil {
				assert.ErrorIs(t, err, tt.err)
				assert.Nil(t, e)
				assert.Same(t, before, after, "nothing is published")
				return
			}
			require.NoError(t, err)
			assert.NotSame(t, before, after)
			assert.Equal(t, tt.stage, *e.Stage())
			assert.Equal(t, string(tt.stage.AppendJSON(nil)), string(e.JSON))
			got, ok := after.Get(tt.stage.PK)
			require.True(t, ok)
			assert.Same(t, e, got)
			// The version read before the write has not moved.
			assert.Equal(t, []string{"b", "C", "a"}, namesIn(before))
			assert.Equal(t, base, before.Stages())
		})
	}
}

func TestDelete(t *testing.T) {
	base := abc()
	for _, tt := range []struct {
		name      string
		pk        string
		wantErr   error
		wantNames []string
	}{
		{"first", base[0].PK, nil, []string{"C", "a"}},
		{"middle", base[1].PK, nil, []string{"b", "a"}},
		{"last", base[2].PK, nil, []string{"b", "C"}},
		{"unknown", fixtures.UUID5URL("absent"), store.ErrNotFound, []string{"b", "C", "a"}},
		{"not canonical", "B" + base[0].PK[1:], store.ErrNotFound, []string{"b", "C", "a"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			s := mustNewStore(t, base)
			before := s.Current()
			err := s.Delete(tt.pk)
			assert.ErrorIs(t, err, tt.wantErr)
			assert.Equal(t, tt.wantNames, namesIn(s.Current()))
			assert.Equal(t, len(tt.wantNames), s.Current().Len())
			if tt.wantErr != nil {
				assert.Same(t, before, s.Current())
				return
			}
			_, ok := s.Current().Get(tt.pk)
			assert.False(t, ok)
			_, ok = before.Get(tt.pk)
			assert.True(t, ok, "the earlier version still has it")
			assert.Equal(t, 3, before.Len())
		})
	}

	s := mustNewStore(t, base)
	require.NoError(t, s.Delete(base[0].PK))
	assert.ErrorIs(t, s.Delete(base[0].PK), store.ErrNotFound, "twice")
}

func TestReplaceAndReset(t *testing.T) {
	base := abc()
	s := mustNewStore(t, base)
	first := s.Current()

	_, err := put(s, stageNamed("d", "d"))
	require.NoError(t, err)
	require.NoError(t, s.Delete(base[0].PK))
	assert.Equal(t, []string{"C", "a", "d"}, namesIn(s.Current()))
	assert.Zero(t, s.Published(), "writes publish no whole version")

	other := []fixtures.UserLoginStage{stageNamed("x", "x"), stageNamed("y", "y")}
	s.Publish(store.Prepare(other))
	assert.Equal(t, uint64(1), s.Published())
	assert.Equal(t, other, s.Current().Stages())
	_, ok := s.Current().Get(base[1].PK)
	assert.False(t, ok)

	s.Reset()
	assert.Equal(t, uint64(2), s.Published())
	assert.Equal(t, base, s.Current().Stages(), "Reset returns to the data the store was created with")
	assert.NotSame(t, first, s.Current())
	assert.Equal(t, base, first.Stages(), "the first version never changed")

	s.Publish(store.Prepare(nil))
	assert.Equal(t, 0, s.Current().Len())
	s.Reset()
	assert.Equal(t, base, s.Current().Stages())

	// Reset after Publish: still the data New was given, not the replacement.
	s.Publish(store.Prepare(other))
	s.Reset()
	assert.Equal(t, base, s.Current().Stages())

	// Publish makes a prepared version current as it is.
	v := store.Prepare(other)
	s.Publish(v)
	assert.Same(t, v, s.Current())
}

// TestCopiesAreCopies: what Prepare is given and what Stages hands out are copies, flows
// included; changing them changes neither the served bytes, the slug index, nor the data a
// reset returns to.
func TestCopiesAreCopies(t *testing.T) {
	given := abc()
	s := mustNewStore(t, given)
	served := string(s.Current().Entries()[0].JSON)

	given[0].FlowSet[0].Slug = "changed-by-the-caller"
	out := s.Current().Stages()
	out[0].FlowSet[0].Slug = "changed-in-a-copy"
	out[0].Name = "renamed-in-a-copy"

	for _, v := range []*store.Version{s.Current(), func() *store.Version { s.Reset(); return s.Current() }()} {
		assert.Equal(t, served, string(v.Entries()[0].JSON))
		assert.True(t, v.HasSlug("the-slug"))
		assert.False(t, v.HasSlug("changed-in-a-copy"))
		assert.Equal(t, abc(), v.Stages())
	}
}

// The data a store starts with is held once: the first version's stages are the ones every reset
// builds on, not a copy kept beside them.
func TestResetSharesInitialStages(t *testing.T) {
	s := mustNewStore(t, abc())
	initial := s.Current().Entries()
	_, err := put(s, stageNamed("d", "d"))
	require.NoError(t, err)
	for range 2 {
		s.Reset()
		for i, e := range s.Current().Entries() {
			assert.Same(t, initial[i].Stage(), e.Stage())
			assert.NotSame(t, initial[i], e, "a reset makes new entries")
		}
	}
}

func TestHasNameHasSlug(t *testing.T) {
	v := store.Prepare(abc())
	b := abc()[0]
	for _, tt := range []struct {
		name, stageName, except string
		want                    bool
	}{
		{"taken", "C", "", true},
		{"taken by the written stage itself", "b", b.PK, false},
		{"taken by another", "C", b.PK, true},
		{"case-sensitive", "c", "", false},
		{"free", "zzz", "", false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, v.HasName(tt.stageName, tt.except))
		})
	}
	assert.True(t, v.HasSlug("the-slug"))
	assert.False(t, v.HasSlug("The-Slug"))
	assert.False(t, v.HasSlug(""))
}

// TestSorted: the rows in an ordering (byte order of names, stable ties in insertion order),
// cached per version, never touching the version's insertion order.
func TestSorted(t *testing.T) {
	base := []fixtures.UserLoginStage{stageNamed("1", "é"), stageNamed("2", "a"), stageNamed("3", "Z"), stageNamed("4", "_")}
	base[1].TerminateOtherSessions = true
	s := mustNewStore(t, base)
	v := s.Current()
	desc := query.Ordering{{Field: query.FieldName, Descending: true}}
	byBool := query.Ordering{{Field: query.FieldTerminateOtherSessions}}

	for _, tt := range []struct {
		name      string
		ordering  query.Ordering
		wantNames []string
	}{
		{"name", query.DefaultOrdering, []string{"Z", "_", "a", "é"}},
		{"-name", desc, []string{"é", "a", "_", "Z"}},
		{"boolean, ties in insertion order", byBool, []string{"é", "Z", "_", "a"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			rows := v.Sorted(tt.ordering, collate.C)
			assert.Equal(t, tt.wantNames, rowNames(rows))
			again := v.Sorted(tt.ordering, collate.C)
			require.Len(t, again, len(rows))
			assert.Same(t, &rows[0], &again[0], "the second call returns the cached slice")
			for _, r := range rows {
				e := v.Entry(r)
				require.NotNil(t, e)
				assert.Same(t, r, e.Row)
			}
		})
	}
	assert.Equal(t, []string{"é", "a", "Z", "_"}, namesIn(v), "insertion order is untouched")

	// Per version: a write gives a new version with its own order; the old one keeps its own.
	_, err := put(s, stageNamed("5", "M"))
	require.NoError(t, err)
	w := s.Current()
	assert.Equal(t, []string{"M", "Z", "_", "a", "é"}, rowNames(w.Sorted(query.DefaultOrdering, collate.C)))
	assert.Equal(t, []string{"Z", "_", "a", "é"}, rowNames(v.Sorted(query.DefaultOrdering, collate.C)))

	// Replacing a stage re-sorts it in the new version only.
	renamed := base[1]
	renamed.Name = "zz"
	_, err = put(s, renamed)
	require.NoError(t, err)
	assert.Equal(t, []string{"M", "Z", "_", "zz", "é"}, rowNames(s.Current().Sorted(query.DefaultOrdering, collate.C)))
	assert.Equal(t, []string{"M", "Z", "_", "a", "é"}, rowNames(w.Sorted(query.DefaultOrdering, collate.C)))
}

// TestSortedPerCollation: one version sorted, and selected, under two collations keeps an order
// for each; neither answers from the other's cache.
func TestSortedPerCollation(t *testing.T) {
	en, err := collate.Lookup("en_US")
	require.NoError(t, err)
	v := store.Prepare([]fixtures.UserLoginStage{stageNamed("1", "b"), stageNamed("2", "A"), stageNamed("3", "a")})
	byBytes, linguistic := []string{"A", "a", "b"}, []string{"a", "A", "b"}
	for range 2 { // the second time from the caches
		assert.Equal(t, byBytes, rowNames(v.Sorted(query.DefaultOrdering, collate.C)))
		assert.Equal(t, linguistic, rowNames(v.Sorted(query.DefaultOrdering, en)))
	}
	duration := fixtures.DefaultDuration
	f := query.Filters{SessionDuration: &duration}
	for range 2 {
		assert.Equal(t, byBytes, rowNames(v.Select(f, nil, query.DefaultOrdering, collate.C)))
		assert.Equal(t, linguistic, rowNames(v.Select(f, nil, query.DefaultOrdering, en)))
	}
}

// TestWritesCarryOrderings: a write carries over the orderings sorted in the version before it,
// moving the one row written; each must equal the new version's rows sorted afresh, after every
// kind of write (an append, a replacement whose keys change or stay, a delete), ties included,
// under both collations.
func TestWritesCarryOrderings(t *testing.T) {
	en, err := collate.Lookup("en_US")
	require.NoError(t, err)
	var orderings []query.Ordering
	for _, raw := range []string{"name", "-name", "pk", "terminate_other_sessions", "-terminate_other_sessions,session_duration",
		"session_duration,-network_binding", "-geoip_binding", "remember_me_offset,-name"} {
		o, err := query.ParseOrdering(raw)
		require.NoError(t, err)
		orderings = append(orderings, o)
	}
	rng := rand.New(rand.NewPCG(4, 5))
	names := []string{"a", "A", "b", "é", "E", "co-op", "coop"} // few values, so that keys tie
	durations := []string{"hours=1", "hours=2", "days=1"}
	stage := func(key int) fixtures.UserLoginStage {
		st := stageNamed(strconv.Itoa(key), names[rng.IntN(len(names))])
		st.SessionDuration, st.RememberMeOffset = durations[rng.IntN(len(durations))], durations[rng.IntN(len(durations))]
		st.TerminateOtherSessions = rng.IntN(2) == 0
		st.NetworkBinding = fixtures.NetworkBindings[rng.IntN(len(fixtures.NetworkBindings))]
		st.GeoIPBinding = fixtures.GeoIPBindings[rng.IntN(len(fixtures.GeoIPBindings))]
		return st
	}
	var initial []fixtures.UserLoginStage
	for key := range 20 {
		initial = append(initial, stage(key))
	}
	s, next := mustNewStore(t, initial), len(initial)
	for step := range 300 {
		v := s.Current()
		for _, o := range orderings {
			v.Sorted(o, collate.C)
			v.Sorted(o, en)
		}
		var what string
		switch entries := v.Entries(); {
		case rng.IntN(3) == 0 && len(entries) > 1:
			what = "delete"
			err = s.Delete(entries[rng.IntN(len(entries))].Stage().PK)
		case rng.IntN(2) == 0:
			what = "replace"
			st := stage(0)
			st.PK = entries[rng.IntN(len(entries))].Stage().PK
			_, err = put(s, st)
		default:
			what = "append"
			_, err = put(s, stage(next))
			next++
		}
		require.NoError(t, err)
		w := s.Current()
		for _, o := range orderings {
			for _, coll := range []collate.Collation{collate.C, en} {
				want := make([]*query.Row, w.Len())
				for i, e := range w.Entries() {
					want[i] = e.Row
				}
				query.Order(want, o, coll)
				require.Equal(t, rowPKs(want), rowPKs(w.Sorted(o, coll)), "step %d (%s), ordering %v under %s", step, what, o, coll)
			}
		}
	}
}

func rowPKs(rows []*query.Row) []string {
	out := make([]string, len(rows))
	for i, r := range rows {
		out[i] = r.Stage.PK
	}
	return out
}

// TestSortedManyOrderings: more orderings than the cache holds still sort correctly.
func TestSortedManyOrderings(t *testing.T) {
	base := []fixtures.UserLoginStage{stageNamed("1", "b"), stageNamed("2", "a"), stageNamed("3", "c")}
	v := store.Prepare(base)
	fields := []query.Field{query.FieldPK, query.FieldName, query.FieldSessionDuration, query.FieldTerminateOtherSessions,
		query.FieldRememberMeOffset, query.FieldNetworkBinding, query.FieldGeoIPBinding}
	n := 0
	for _, f := range fields {
		for _, g := range fields {
			for _, d := range []bool{false, true} {
				o := query.Ordering{{Field: f, Descending: d}, {Field: g}, {Field: query.FieldName}}
				want := append([]*query.Row(nil), v.Sorted(query.Ordering{{Field: query.FieldPK}}, collate.C)...)
				query.Order(want, o, collate.C)
				assert.Equal(t, rowNames(want), rowNames(v.Sorted(o, collate.C)), "ordering %v", o)
				n++
			}
		}
	}
	assert.Greater(t, n, 64)
	assert.Equal(t, []string{"a", "b", "c"}, rowNames(v.Sorted(query.DefaultOrdering, collate.C)))
}

// TestConcurrentWrites runs writers and readers together (run it with -race): every write lands
// (no lost update), and every version a reader sees is whole: its length, entries, pk index and
// sorted rows agree, and it does not change while the reader holds it.
func TestConcurrentWrites(t *testing.T) {
	const (
		writers       = 4
		writesEach    = 200
		readers       = 4
		replaceEveryN = 4 // every 4th write replaces the writer's own counter stage
	)
	initial := []fixtures.UserLoginStage{stageNamed("seed-1", "seed 1"), stageNamed("seed-2", "seed 2")}
	for w := 0; w < writers; w++ {
		initial = append(initial, stageNamed(fmt.Sprintf("counter-%d", w), fmt.Sprintf("counter %d v0", w)))
	}
	s := mustNewStore(t, initial)

	var wg sync.WaitGroup
	done := make(chan struct{})
	errs := make(chan error, readers+writers)
	for r := 0; r < readers; r++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			last := 0
			for {
				select {
				case <-done:
					return
				default:
				}
				v := s.Current()
				n := v.Len()
				if n < last {
					errs <- fmt.Errorf("length went back from %d to %d", last, n)
					return
				}
				last = n
				entries := v.Entries()
				if len(entries) != n || len(v.Stages()) != n || len(v.Sorted(query.DefaultOrdering, collate.C)) != n {
					errs <- fmt.Errorf("version of %d stages has %d entries, %d stages, %d sorted rows", n, len(entries), len(v.Stages()), len(v.Sorted(query.DefaultOrdering, collate.C)))
					return
				}
				for _, e := range entries {
					if got, ok := v.Get(e.Stage().PK); !ok || got != e {
						errs <- fmt.Errorf("pk index of the version misses %s", e.Stage().PK)
						return
					}
				}
				first := entries[len(entries)-1].Stage().Name
				if v.Len() != n || v.Entries()[n-1].Stage().Name != first {
					errs <- fmt.Errorf("a version changed while a reader held it")
					return
				}
			}
		}()
	}

	var writersWG sync.WaitGroup
	for w := 0; w < writers; w++ {
		writersWG.Add(1)
		go func() {
			defer writersWG.Done()
			counter := initial[2+w]
			for i := 1; i <= writesEach; i++ {
				var stage fixtures.UserLoginStage
				if i%replaceEveryN == 0 {
					counter.Name = fmt.Sprintf("counter %d v%d", w, i)
					stage = counter
				} else {
					stage = stageNamed(fmt.Sprintf("w%d-%d", w, i), fmt.Sprintf("writer %d stage %d", w, i))
				}
				if _, err := put(s, stage); err != nil {
					errs <- err
					return
				}
			}
		}()
	}
	writersWG.Wait()
	close(done)
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}

	v := s.Current()
	appendsEach := writesEach - writesEach/replaceEveryN
	require.Equal(t, len(initial)+writers*appendsEach, v.Len(), "no lost append")
	for w := 0; w < writers; w++ {
		counter, ok := v.Get(initial[2+w].PK)
		require.True(t, ok)
		assert.Equal(t, fmt.Sprintf("counter %d v%d", w, writesEach), counter.Stage().Name, "the last replace wins")
		for i := 1; i <= writesEach; i++ {
			if i%replaceEveryN == 0 {
				continue
			}
			e, ok := v.Get(stageNamed(fmt.Sprintf("w%d-%d", w, i), "").PK)
			if assert.True(t, ok, "writer %d write %d lost", w, i) {
				assert.Equal(t, fmt.Sprintf("writer %d stage %d", w, i), e.Stage().Name)
			}
		}
	}
	// Each writer's appends keep their order in the insertion order.
	next := make([]int, writers)
	for _, e := range v.Entries() {
		var w, i int
		if _, err := fmt.Sscanf(e.Stage().Name, "writer %d stage %d", &w, &i); err == nil {
			assert.Greater(t, i, next[w], "writer %d", w)
			next[w] = i
		}
	}
}

// TestKeepPageCountsWhatAPageHolds: pages of empty results are mostly overhead (the pagination
// object, the map slot); counting only their bodies let 25,000 of them hold 10 MB. Each held
// page counts at least its pagination object and a slot's overhead.
func TestKeepPageCountsWhatAPageHolds(t *testing.T) {
	v := mustNewStore(t, abc()).Current()
	const budget, pages = 4 << 20, 50000
	small := store.Page{Body: []byte(`{"results":[]}`), Pagination: make([]byte, 0, 128)}
	for i := range pages {
		v.KeepPage(fmt.Sprint("name=", i), small)
	}
	kept := 0
	for i := range pages {
		if _, ok := v.Page(fmt.Sprint("name=", i)); ok {
			kept++
		}
	}
	assert.LessOrEqual(t, kept*(len("name=00000")+cap(small.Body)+cap(small.Pagination)), budget)
}

func TestKeepPage(t *testing.T) {
	s := mustNewStore(t, abc())
	v := s.Current()
	page := func(n int) store.Page { return store.Page{Body: make([]byte, n)} }

	_, ok := v.Page("")
	assert.False(t, ok, "nothing kept yet")
	v.KeepPage("page=1", page(10))
	got, ok := v.Page("page=1")
	require.True(t, ok)
	assert.Len(t, got.Body, 10)
	v.KeepPage("page=1", page(20))
	got, _ = v.Page("page=1")
	assert.Len(t, got.Body, 10, "the first page kept for a key stays")
	_, ok = v.Page("page=2")
	assert.False(t, ok, "another query string")

	// The pages stay within their budget: the one just kept is always there, the oldest go.
	const budget = 4 << 20
	for i := range 100 {
		key := fmt.Sprint("page=", i)
		v.KeepPage(key, page(budget/10))
		_, ok := v.Page(key)
		assert.True(t, ok, "the page just kept")
	}
	kept := 0
	for i := range 100 {
		if _, ok := v.Page(fmt.Sprint("page=", i)); ok {
			kept++
		}
	}
	assert.LessOrEqual(t, kept, 10)
	v.KeepPage("huge", page(budget))
	_, ok = v.Page("huge")
	assert.False(t, ok, "a page larger than the budget is not kept")
	v.KeepPage("unbuilt", store.Page{Pagination: []byte("{}")})
	_, ok = v.Page("unbuilt")
	assert.False(t, ok, "a page not built is not kept")

	_, err := s.Write(func(*store.Version) (fixtures.UserLoginStage, error) { return stageNamed("d", "d"), nil })
	require.NoError(t, err)
	_, ok = s.Current().Page("page=99")
	assert.False(t, ok, "a new version starts without pages")
}
