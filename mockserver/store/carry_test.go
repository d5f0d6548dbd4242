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
