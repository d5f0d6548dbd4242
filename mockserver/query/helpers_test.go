package query_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"akmock/fixtures"
	"akmock/mockserver/query"
	"akmock/mockserver/query/collate"
)

// stagesFixture holds hand-built stages (testdata/stages.json) whose names exercise byte order,
// case folding, LIKE wildcards, quotes and commas, and whose other fields tie in several ways.
// The oracle-recorded tables were made over the same file.
const stagesFixture = "testdata/stages.json"

// mustHandRows loads the hand-built stages as rows, in the fixture's order.
func mustHandRows(t *testing.T) []*query.Row {
	t.Helper()
	stages, err := fixtures.LoadFile(stagesFixture)
	require.NoError(t, err)
	require.Len(t, stages, 20)
	return rowsOf(stages...)
}

func rowsOf(stages ...fixtures.UserLoginStage) []*query.Row {
	rows := make([]*query.Row, len(stages))
	for i := range stages {
		rows[i] = query.NewRow(&stages[i])
	}
	return rows
}

// named makes rows of stages that differ only in their names (the other fields at defaults).
func named(names ...string) []*query.Row {
	stages := make([]fixtures.UserLoginStage, len(names))
	for i, n := range names {
		stages[i] = fixtures.UserLoginStage{PK: fixtures.UUID5URL(n), Name: n, SessionDuration: "seconds=0", RememberMeOffset: "seconds=0",
			NetworkBinding: "no_binding", GeoIPBinding: "no_binding"}
	}
	return rowsOf(stages...)
}

func namesOf(rows []*query.Row) []string {
	out := make([]string, len(rows))
	for i, r := range rows {
		out[i] = r.Stage.Name
	}
	return out
}

// mustParse decodes a raw query string and parses it; both must succeed.
func mustParse(t *testing.T, raw string) query.Params {
	t.Helper()
	p, err := parseRaw(t, raw)
	require.NoError(t, err, "query %q", raw)
	return p
}

// parseRaw decodes a raw query string (which must decode) and parses it.
func parseRaw(t *testing.T, raw string) (query.Params, error) {
	t.Helper()
	v, err := query.ParseValues(raw)
	require.NoError(t, err, "query %q", raw)
	return query.Parse(v)
}

// runList runs rows through the list pipeline of authentik's viewset (filters, search, ordering),
// as the server does, and returns the names.
func runList(t *testing.T, rows []*query.Row, raw string) []string {
	t.Helper()
	p := mustParse(t, raw)
	out := query.Search(query.Filter(rows, p.Filters), p.Search)
	out = append([]*query.Row(nil), out...)
	query.Order(out, p.Ordering, collate.C)
	return namesOf(out)
}

func strp(s string) *string { return &s }
func boolp(b bool) *bool    { return &b }
