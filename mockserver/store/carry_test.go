package store

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"akmock/fixtures"
	"akmock/mockserver/query"
	"akmock/mockserver/query/collate"
)

// TestWritesCarrySortedRows: the orderings a version has sorted are in the next version's cache
// before anything asks for them, after a write and after a delete (TestWritesCarryOrderings checks
// that they are right).
func TestWritesCarrySortedRows(t *testing.T) {
	stages := fixtures.Generate(1, 5)
	s := New(Prepare(stages))
	byPK := query.Ordering{{Field: query.FieldPK, Descending: true}}
	s.Current().Sorted(query.DefaultOrdering, collate.C)
	s.Current().Sorted(byPK, collate.C)

	changed := stages[2]
	changed.Name = "renamed"
	_, err := s.Write(func(*Version) (fixtures.UserLoginStage, error) { return changed, nil })
	require.NoError(t, err)
	assert.Len(t, s.Current().sorted, 2, "after a write")

	require.NoError(t, s.Delete(stages[0].PK))
	assert.Len(t, s.Current().sorted, 2, "after a delete")
	assert.Len(t, s.Current().sorted[collate.C.String()+" "+byPK.Key()].rows, 4)
}

// TestUnreadOrderingsStopBeingCarried: an ordering no list reads is carried over carriedFor
// writes, then dropped; a read on the way starts the count again.
func TestUnreadOrderingsStopBeingCarried(t *testing.T) {
	stages := fixtures.Generate(1, 5)
	s := New(Prepare(stages))
	key := collate.C.String() + " " + query.DefaultOrdering.Key()
	write := func() {
		t.Helper()
		st := stages[1]
		st.Name += "x"
		stages[1] = st
		_, err := s.Write(func(*Version) (fixtures.UserLoginStage, error) { return st, nil })
		require.NoError(t, err)
	}
	s.Current().Sorted(query.DefaultOrdering, collate.C)
	for range carriedFor - 1 {
		write()
	}
	s.Current().Sorted(query.DefaultOrdering, collate.C) // read: carried for carriedFor more writes
	for i := range carriedFor {
		write()
		require.Contains(t, s.Current().sorted, key, "write %d after the read", i+1)
	}
	write()
	assert.NotContains(t, s.Current().sorted, key)
}

// TestCarriedOrderingsStayBounded: however many orderings are asked for on a version, it holds
// at most maxSortedCache of them, and so does the version a write makes from it.
func TestCarriedOrderingsStayBounded(t *testing.T) {
	stages := fixtures.Generate(1, 5)
	s := New(Prepare(stages))
	fields := []query.Field{query.FieldPK, query.FieldName, query.FieldSessionDuration, query.FieldTerminateOtherSessions,
		query.FieldRememberMeOffset, query.FieldNetworkBinding, query.FieldGeoIPBinding}
	n := 0
	for _, f := range fields {
		for _, g := range fields {
			if f != g {
				s.Current().Sorted(query.Ordering{{Field: f}, {Field: g, Descending: true}}, collate.C)
				n++
			}
		}
	}
	require.Greater(t, n, maxSortedCache)
	assert.LessOrEqual(t, len(s.Current().sorted), maxSortedCache)
	_, err := s.Write(func(*Version) (fixtures.UserLoginStage, error) { return stages[0], nil })
	require.NoError(t, err)
	assert.NotEmpty(t, s.Current().sorted)
	assert.LessOrEqual(t, len(s.Current().sorted), maxSortedCache)
}
