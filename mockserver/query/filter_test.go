package query_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"akmock/mockserver/query"
)

// filterCases: django-filter over the hand-built stages, as the oracle answered (default
// ordering: name).
var filterCases = []struct {
	name, query string
	wantNames   []string
}{
	// BEGIN GENERATED filterCases (testdata/gen_oracle_names.py, oracle over testdata/stages.json)
	{"no filter", "", []string{"100% pure", "Apple pie", "STRASSE", "Zebra", "a,b", "apple", "back\\slash", "café Straße", "it's \"quoted\"", "straße", "underXscore", "under_score", "Éclair royal", "éclair", "İzmir", "ıstanbul", "Ωmega", "ωmega x", "日本語", "🚀rocket"}},
	{"name", "name=apple", []string{"apple"}},
	{"name is case-sensitive", "name=Apple", []string{}},
	{"name is stripped", "name=%20apple%09", []string{"apple"}},
	{"name is exact", "name=appl", []string{}},
	{"name empty", "name=", []string{"100% pure", "Apple pie", "STRASSE", "Zebra", "a,b", "apple", "back\\slash", "café Straße", "it's \"quoted\"", "straße", "underXscore", "under_score", "Éclair royal", "éclair", "İzmir", "ıstanbul", "Ωmega", "ωmega x", "日本語", "🚀rocket"}},
	{"name non-ASCII", "name=%C3%89clair%20royal", []string{"Éclair royal"}},
	{"stage_uuid", "stage_uuid=44444444-0000-4000-8000-000000000001", []string{"apple"}},
	{"stage_uuid without hyphens", "stage_uuid=44444444000040008000000000000001", []string{"apple"}},
	{"stage_uuid braces", "stage_uuid=%7B44444444-0000-4000-8000-000000000001%7D", []string{"apple"}},
	{"stage_uuid urn", "stage_uuid=urn:uuid:44444444-0000-4000-8000-000000000001", []string{"apple"}},
	{"stage_uuid padded", "stage_uuid=%2044444444-0000-4000-8000-000000000001%20", []string{"apple"}},
	{"stage_uuid upper case", "stage_uuid=44444444-0000-4000-8000-00000000000F", []string{}},
	{"stage_uuid upper case match", "stage_uuid=BBBBBBBB-0000-4000-8000-000000000003", []string{"éclair"}},
	{"stage_uuid empty", "stage_uuid=", []string{"100% pure", "Apple pie", "STRASSE", "Zebra", "a,b", "apple", "back\\slash", "café Straße", "it's \"quoted\"", "straße", "underXscore", "under_score", "Éclair royal", "éclair", "İzmir", "ıstanbul", "Ωmega", "ωmega x", "日本語", "🚀rocket"}},
	{"session_duration", "session_duration=hours%3D1", []string{"Zebra", "apple", "back\\slash", "café Straße", "under_score", "İzmir"}},
	{"session_duration is stripped", "session_duration=%20hours%3D1", []string{"Zebra", "apple", "back\\slash", "café Straße", "under_score", "İzmir"}},
	{"session_duration is case-sensitive", "session_duration=Hours%3D1", []string{}},
	{"session_duration is text", "session_duration=hours%3D1.0", []string{}},
	{"remember_me_offset", "remember_me_offset=days%3D1", []string{"Apple pie", "apple", "back\\slash", "underXscore", "ıstanbul", "Ωmega"}},
	{"remember_me_offset is stripped", "remember_me_offset=%20days%3D1%20", []string{"Apple pie", "apple", "back\\slash", "underXscore", "ıstanbul", "Ωmega"}},
	{"network_binding", "network_binding=bind_asn", []string{"STRASSE", "Zebra", "back\\slash", "it's \"quoted\"", "straße"}},
	{"network_binding empty", "network_binding=", []string{"100% pure", "Apple pie", "STRASSE", "Zebra", "a,b", "apple", "back\\slash", "café Straße", "it's \"quoted\"", "straße", "underXscore", "under_score", "Éclair royal", "éclair", "İzmir", "ıstanbul", "Ωmega", "ωmega x", "日本語", "🚀rocket"}},
	{"geoip_binding", "geoip_binding=bind_continent", []string{"Apple pie", "STRASSE", "apple", "back\\slash", "under_score", "ωmega x"}},
	{"two choices", "geoip_binding=bind_continent&network_binding=no_binding", []string{"apple"}},
	{"boolean true", "terminate_other_sessions=true", []string{"apple", "it's \"quoted\"", "straße", "under_score", "éclair", "ıstanbul", "Ωmega", "日本語"}},
	{"boolean True", "terminate_other_sessions=True", []string{"apple", "it's \"quoted\"", "straße", "under_score", "éclair", "ıstanbul", "Ωmega", "日本語"}},
	{"boolean TRUE", "terminate_other_sessions=TRUE", []string{"apple", "it's \"quoted\"", "straße", "under_score", "éclair", "ıstanbul", "Ωmega", "日本語"}},
	{"boolean 1", "terminate_other_sessions=1", []string{"apple", "it's \"quoted\"", "straße", "under_score", "éclair", "ıstanbul", "Ωmega", "日本語"}},
	{"boolean 0", "terminate_other_sessions=0", []string{"100% pure", "Apple pie", "STRASSE", "Zebra", "a,b", "back\\slash", "café Straße", "underXscore", "Éclair royal", "İzmir", "ωmega x", "🚀rocket"}},
	{"boolean false", "terminate_other_sessions=false", []string{"100% pure", "Apple pie", "STRASSE", "Zebra", "a,b", "back\\slash", "café Straße", "underXscore", "Éclair royal", "İzmir", "ωmega x", "🚀rocket"}},
	{"boolean FALSE", "terminate_other_sessions=FALSE", []string{"100% pure", "Apple pie", "STRASSE", "Zebra", "a,b", "back\\slash", "café Straße", "underXscore", "Éclair royal", "İzmir", "ωmega x", "🚀rocket"}},
	{"boolean yes is no filter", "terminate_other_sessions=yes", []string{"100% pure", "Apple pie", "STRASSE", "Zebra", "a,b", "apple", "back\\slash", "café Straße", "it's \"quoted\"", "straße", "underXscore", "under_score", "Éclair royal", "éclair", "İzmir", "ıstanbul", "Ωmega", "ωmega x", "日本語", "🚀rocket"}},
	{"boolean on is no filter", "terminate_other_sessions=on", []string{"100% pure", "Apple pie", "STRASSE", "Zebra", "a,b", "apple", "back\\slash", "café Straße", "it's \"quoted\"", "straße", "underXscore", "under_score", "Éclair royal", "éclair", "İzmir", "ıstanbul", "Ωmega", "ωmega x", "日本語", "🚀rocket"}},
	{"boolean padded is no filter", "terminate_other_sessions=%20true", []string{"100% pure", "Apple pie", "STRASSE", "Zebra", "a,b", "apple", "back\\slash", "café Straße", "it's \"quoted\"", "straße", "underXscore", "under_score", "Éclair royal", "éclair", "İzmir", "ıstanbul", "Ωmega", "ωmega x", "日本語", "🚀rocket"}},
	{"boolean 2 is no filter", "terminate_other_sessions=2", []string{"100% pure", "Apple pie", "STRASSE", "Zebra", "a,b", "apple", "back\\slash", "café Straße", "it's \"quoted\"", "straße", "underXscore", "under_score", "Éclair royal", "éclair", "İzmir", "ıstanbul", "Ωmega", "ωmega x", "日本語", "🚀rocket"}},
	{"boolean empty", "terminate_other_sessions=", []string{"100% pure", "Apple pie", "STRASSE", "Zebra", "a,b", "apple", "back\\slash", "café Straße", "it's \"quoted\"", "straße", "underXscore", "under_score", "Éclair royal", "éclair", "İzmir", "ıstanbul", "Ωmega", "ωmega x", "日本語", "🚀rocket"}},
	{"boolean and duration", "terminate_other_sessions=false&session_duration=hours%3D2", []string{"underXscore", "Éclair royal", "🚀rocket"}},
	{"every filter", "stage_uuid=44444444-0000-4000-8000-000000000001&name=apple&session_duration=hours%3D1&network_binding=no_binding&geoip_binding=bind_continent&terminate_other_sessions=1&remember_me_offset=days%3D1", []string{"apple"}},
	{"every filter, one off", "stage_uuid=44444444-0000-4000-8000-000000000001&name=apple&session_duration=hours%3D1&network_binding=no_binding&geoip_binding=bind_continent&terminate_other_sessions=0&remember_me_offset=days%3D1", []string{}},
	{"unknown parameter", "foo=bar", []string{"100% pure", "Apple pie", "STRASSE", "Zebra", "a,b", "apple", "back\\slash", "café Straße", "it's \"quoted\"", "straße", "underXscore", "under_score", "Éclair royal", "éclair", "İzmir", "ıstanbul", "Ωmega", "ωmega x", "日本語", "🚀rocket"}},
	// END GENERATED filterCases
}

// searchCases: DRF's SearchFilter over the hand-built stages (PostgreSQL, C collation with a
// Unicode ctype), as the oracle answered.
var searchCases = []struct {
	name, query string
	wantNames   []string
}{
	// BEGIN GENERATED searchCases (testdata/gen_oracle_names.py, oracle over testdata/stages.json)
	{"ASCII", "search=apple", []string{"Apple pie", "apple"}},
	{"upper case", "search=APPLE", []string{"Apple pie", "apple"}},
	{"É finds é", "search=%C3%89", []string{"café Straße", "Éclair royal", "éclair"}},
	{"é finds É", "search=%C3%A9", []string{"café Straße", "Éclair royal", "éclair"}},
	{"ß stays ß", "search=%C3%9F", []string{"café Straße", "straße"}},
	{"SS is not ß", "search=SS", []string{"STRASSE"}},
	{"straße", "search=stra%C3%9Fe", []string{"café Straße", "straße"}},
	{"STRASSE", "search=STRASSE", []string{"STRASSE"}},
	{"dotless ı is I", "search=%C4%B1", []string{"Apple pie", "it's \"quoted\"", "Éclair royal", "éclair", "İzmir", "ıstanbul"}},
	{"i", "search=i", []string{"Apple pie", "it's \"quoted\"", "Éclair royal", "éclair", "İzmir", "ıstanbul"}},
	{"I", "search=I", []string{"Apple pie", "it's \"quoted\"", "Éclair royal", "éclair", "İzmir", "ıstanbul"}},
	{"dotted İ", "search=%C4%B0", []string{"İzmir"}},
	{"ω finds Ω", "search=%CF%89", []string{"Ωmega", "ωmega x"}},
	{"Ω finds ω", "search=%CE%A9", []string{"Ωmega", "ωmega x"}},
	{"percent is literal", "search=%25", []string{"100% pure"}},
	{"underscore is literal", "search=_", []string{"under_score"}},
	{"under_score", "search=under_score", []string{"under_score"}},
	{"backslash is literal", "search=%5C", []string{"back\\slash"}},
	{"CJK", "search=%E6%97%A5%E6%9C%AC", []string{"日本語"}},
	{"emoji", "search=%F0%9F%9A%80", []string{"🚀rocket"}},
	{"lone single quote matches all", "search='", []string{"100% pure", "Apple pie", "STRASSE", "Zebra", "a,b", "apple", "back\\slash", "café Straße", "it's \"quoted\"", "straße", "underXscore", "under_score", "Éclair royal", "éclair", "İzmir", "ıstanbul", "Ωmega", "ωmega x", "日本語", "🚀rocket"}},
	{"lone double quote matches all", "search=%22", []string{"100% pure", "Apple pie", "STRASSE", "Zebra", "a,b", "apple", "back\\slash", "café Straße", "it's \"quoted\"", "straße", "underXscore", "under_score", "Éclair royal", "éclair", "İzmir", "ıstanbul", "Ωmega", "ωmega x", "日本語", "🚀rocket"}},
	{"quoted term", "search=%22quoted%22", []string{"it's \"quoted\""}},
	{"apostrophe", "search=it's", []string{"it's \"quoted\""}},
	{"comma splits", "search=a,b", []string{"Zebra", "a,b", "back\\slash", "ıstanbul"}},
	{"quoted comma", "search=%22a,b%22", []string{"a,b"}},
	{"two terms", "search=apple%20pie", []string{"Apple pie"}},
	{"two terms any order", "search=e%20a", []string{"Apple pie", "STRASSE", "Zebra", "apple", "café Straße", "straße", "Ωmega", "ωmega x"}},
	{"quoted phrase", "search=%22%C3%A9clair%20royal%22", []string{"Éclair royal"}},
	{"unquoted phrase", "search=%C3%A9clair%20royal", []string{"Éclair royal"}},
	{"quote kept after comma", "search=x,%22royal", []string{}},
	{"one term misses", "search=royal%20nomatch", []string{}},
	{"percent and space", "search=100%25%20pure", []string{"100% pure"}},
	{"space only", "search=%20", []string{"100% pure", "Apple pie", "STRASSE", "Zebra", "a,b", "apple", "back\\slash", "café Straße", "it's \"quoted\"", "straße", "underXscore", "under_score", "Éclair royal", "éclair", "İzmir", "ıstanbul", "Ωmega", "ωmega x", "日本語", "🚀rocket"}},
	{"comma only", "search=,", []string{"100% pure", "Apple pie", "STRASSE", "Zebra", "a,b", "apple", "back\\slash", "café Straße", "it's \"quoted\"", "straße", "underXscore", "under_score", "Éclair royal", "éclair", "İzmir", "ıstanbul", "Ωmega", "ωmega x", "日本語", "🚀rocket"}},
	{"search and filter", "search=e&terminate_other_sessions=true", []string{"apple", "it's \"quoted\"", "straße", "under_score", "Ωmega"}},
	// END GENERATED searchCases
}

func TestFilter(t *testing.T) {
	rows := mustHandRows(t)
	for _, tt := range filterCases {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.wantNames, runList(t, rows, tt.query), "query %q", tt.query)
		})
	}
}

func TestSearch(t *testing.T) {
	rows := mustHandRows(t)
	for _, tt := range searchCases {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.wantNames, runList(t, rows, tt.query), "query %q", tt.query)
		})
	}
}

// TestFilterKeepsOrder: Filter and Search keep the order they are given and never reorder.
func TestFilterKeepsOrder(t *testing.T) {
	rows := mustHandRows(t)
	// Reverse the fixture so that the input order is neither insertion nor name order.
	for i, j := 0, len(rows)-1; i < j; i, j = i+1, j-1 {
		rows[i], rows[j] = rows[j], rows[i]
	}
	p := mustParse(t, "terminate_other_sessions=false")
	var want []string
	for _, r := range rows {
		if !r.Stage.TerminateOtherSessions {
			want = append(want, r.Stage.Name)
		}
	}
	require.Len(t, want, 12)
	assert.Equal(t, want, namesOf(query.Filter(rows, p.Filters)))

	// "search=e" keeps, in input order, the rows the oracle found for it (see searchCases).
	found := map[string]bool{}
	for _, n := range runList(t, rows, "search=e") {
		found[n] = true
	}
	want = want[:0]
	for _, r := range rows {
		if found[r.Stage.Name] {
			want = append(want, r.Stage.Name)
		}
	}
	assert.Equal(t, want, namesOf(query.Search(rows, []string{"e"})))
}

// TestFilterInactive: without an active filter (or search term) the rows come back as given,
// the same slice.
func TestFilterInactive(t *testing.T) {
	rows := mustHandRows(t)
	for _, raw := range []string{"", "name=", "terminate_other_sessions=yes", "network_binding=", "search=%20", "search=,"} {
		t.Run(raw, func(t *testing.T) {
			p := mustParse(t, raw)
			got := query.Search(query.Filter(rows, p.Filters), p.Search)
			require.Len(t, got, len(rows))
			assert.Same(t, &rows[0], &got[0], "the input slice itself")
		})
	}
}

func TestFilterNoMatch(t *testing.T) {
	rows := mustHandRows(t)
	p := mustParse(t, "name=nobody")
	assert.Empty(t, query.Filter(rows, p.Filters))
	assert.Empty(t, query.Filter(nil, p.Filters))
	assert.Empty(t, query.Search(nil, []string{"a"}))
}

// TestSearchTerms calls Search with terms directly: PostgreSQL's UPPER(name) LIKE
// UPPER('%term%') under authentik's ctype; the expected names are what the oracle's PostgreSQL
// (C collation, en_US.UTF-8 ctype) answered for SELECT UPPER(name) LIKE UPPER('%<escaped term>%')
// (the same upper-casing as searchCases: é/É fold, ß and İ do not, ı is I).
func TestSearchTerms(t *testing.T) {
	rows := named("Straße", "STRASSE", "éclair", "ÉCLAIR", "İzmir", "izmir", "ıstanbul", "ISTANBUL", "50%", "5_0", "500", `a"b`, "Ωmega", "ωmega")
	for _, tt := range []struct {
		name      string
		terms     []string
		wantNames []string
	}{
		{"no terms", nil, namesOf(rows)},
		{"é", []string{"é"}, []string{"éclair", "ÉCLAIR"}},
		{"É", []string{"ÉCL"}, []string{"éclair", "ÉCLAIR"}},
		{"ß", []string{"ß"}, []string{"Straße"}},
		{"ss", []string{"ss"}, []string{"STRASSE"}},
		{"İ", []string{"İ"}, []string{"İzmir"}},
		{"i", []string{"iz"}, []string{"izmir"}},
		{"ı", []string{"ıs"}, []string{"ıstanbul", "ISTANBUL"}},
		{"I", []string{"IS"}, []string{"ıstanbul", "ISTANBUL"}},
		{"%", []string{"%"}, []string{"50%"}},
		{"_", []string{"_"}, []string{"5_0"}},
		{"5_0", []string{"5_0"}, []string{"5_0"}},
		{"quote", []string{`"`}, []string{`a"b`}},
		{"ω", []string{"ω"}, []string{"Ωmega", "ωmega"}},
		{"all terms", []string{"s", "t", "r"}, []string{"Straße", "STRASSE"}},
		{"empty term", []string{""}, namesOf(rows)},
		{"empty terms", []string{"", ""}, namesOf(rows)},
		{"empty terms beside one", []string{"", "é", ""}, []string{"éclair", "ÉCLAIR"}},
		{"a term again", []string{"ß", "ß"}, []string{"Straße"}},
		{"a term again in another case", []string{"ω", "Ω", "ω"}, []string{"Ωmega", "ωmega"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.wantNames, namesOf(query.Search(rows, tt.terms)))
		})
	}
}

// TestSearchTermsTogether: searching for several terms selects what searching for each in
// turn selects (the terms are ANDed), however often a term is given, empty ones included.
func TestSearchTermsTogether(t *testing.T) {
	rows := mustHandRows(t)
	for _, raw := range []string{"e e e", "'' e ''", "''", `'' ""`, "E e", "straße STRASSE straße", ", ,", "a,a b a", "lo LO Lo lO"} {
		terms := query.SearchTerms(raw)
		want := rows
		for _, term := range terms {
			want = query.Search(want, []string{term})
		}
		assert.Equal(t, namesOf(want), namesOf(query.Search(rows, terms)), "search %q", raw)
	}
}
