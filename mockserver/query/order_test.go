package query_test

import (
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"akmock/fixtures"
	"akmock/mockserver/query"
	"akmock/mockserver/query/collate"
)

// orderCases: DRF's OrderingFilter over the hand-built stages (PostgreSQL, C collation), as
// the oracle answered. Every ordering ends in a key without ties.
var orderCases = []struct {
	name, query string
	wantNames   []string
}{
	// BEGIN GENERATED orderCases (testdata/gen_oracle_names.py, oracle over testdata/stages.json)
	{"default", "", []string{"100% pure", "Apple pie", "STRASSE", "Zebra", "a,b", "apple", "back\\slash", "café Straße", "it's \"quoted\"", "straße", "underXscore", "under_score", "Éclair royal", "éclair", "İzmir", "ıstanbul", "Ωmega", "ωmega x", "日本語", "🚀rocket"}},
	{"name", "ordering=name", []string{"100% pure", "Apple pie", "STRASSE", "Zebra", "a,b", "apple", "back\\slash", "café Straße", "it's \"quoted\"", "straße", "underXscore", "under_score", "Éclair royal", "éclair", "İzmir", "ıstanbul", "Ωmega", "ωmega x", "日本語", "🚀rocket"}},
	{"-name", "ordering=-name", []string{"🚀rocket", "日本語", "ωmega x", "Ωmega", "ıstanbul", "İzmir", "éclair", "Éclair royal", "under_score", "underXscore", "straße", "it's \"quoted\"", "café Straße", "back\\slash", "apple", "a,b", "Zebra", "STRASSE", "Apple pie", "100% pure"}},
	{"pk", "ordering=pk", []string{"Éclair royal", "straße", "ıstanbul", "ωmega x", "under_score", "it's \"quoted\"", "Apple pie", "a,b", "apple", "Ωmega", "100% pure", "back\\slash", "Zebra", "STRASSE", "underXscore", "🚀rocket", "éclair", "café Straße", "İzmir", "日本語"}},
	{"-pk", "ordering=-pk", []string{"日本語", "İzmir", "café Straße", "éclair", "🚀rocket", "underXscore", "STRASSE", "Zebra", "back\\slash", "100% pure", "Ωmega", "apple", "a,b", "Apple pie", "it's \"quoted\"", "under_score", "ωmega x", "ıstanbul", "straße", "Éclair royal"}},
	{"pk then name", "ordering=pk,name", []string{"Éclair royal", "straße", "ıstanbul", "ωmega x", "under_score", "it's \"quoted\"", "Apple pie", "a,b", "apple", "Ωmega", "100% pure", "back\\slash", "Zebra", "STRASSE", "underXscore", "🚀rocket", "éclair", "café Straße", "İzmir", "日本語"}},
	{"boolean then name", "ordering=terminate_other_sessions,name", []string{"100% pure", "Apple pie", "STRASSE", "Zebra", "a,b", "back\\slash", "café Straße", "underXscore", "Éclair royal", "İzmir", "ωmega x", "🚀rocket", "apple", "it's \"quoted\"", "straße", "under_score", "éclair", "ıstanbul", "Ωmega", "日本語"}},
	{"-boolean then -name", "ordering=-terminate_other_sessions,-name", []string{"日本語", "Ωmega", "ıstanbul", "éclair", "under_score", "straße", "it's \"quoted\"", "apple", "🚀rocket", "ωmega x", "İzmir", "Éclair royal", "underXscore", "café Straße", "back\\slash", "a,b", "Zebra", "STRASSE", "Apple pie", "100% pure"}},
	{"session_duration then -name", "ordering=session_duration,-name", []string{"Ωmega", "ıstanbul", "a,b", "STRASSE", "İzmir", "under_score", "café Straße", "back\\slash", "apple", "Zebra", "🚀rocket", "éclair", "Éclair royal", "underXscore", "日本語", "ωmega x", "straße", "it's \"quoted\"", "Apple pie", "100% pure"}},
	{"remember_me_offset then pk", "ordering=remember_me_offset,pk", []string{"ıstanbul", "Apple pie", "apple", "Ωmega", "back\\slash", "underXscore", "straße", "ωmega x", "it's \"quoted\"", "a,b", "100% pure", "Zebra", "🚀rocket", "éclair", "İzmir", "Éclair royal", "under_score", "STRASSE", "café Straße", "日本語"}},
	{"three fields", "ordering=network_binding,geoip_binding,name", []string{"STRASSE", "back\\slash", "it's \"quoted\"", "Zebra", "straße", "Apple pie", "İzmir", "🚀rocket", "under_score", "ωmega x", "éclair", "apple", "日本語", "Éclair royal", "100% pure", "a,b", "café Straße", "underXscore", "ıstanbul", "Ωmega"}},
	{"-geoip_binding then name", "ordering=-geoip_binding,name", []string{"100% pure", "Zebra", "a,b", "café Straße", "straße", "underXscore", "ıstanbul", "Ωmega", "🚀rocket", "it's \"quoted\"", "Éclair royal", "éclair", "İzmir", "日本語", "Apple pie", "STRASSE", "apple", "back\\slash", "under_score", "ωmega x"}},
	{"unknown dropped", "ordering=foo,-name", []string{"🚀rocket", "日本語", "ωmega x", "Ωmega", "ıstanbul", "İzmir", "éclair", "Éclair royal", "under_score", "underXscore", "straße", "it's \"quoted\"", "café Straße", "back\\slash", "apple", "a,b", "Zebra", "STRASSE", "Apple pie", "100% pure"}},
	{"padded", "ordering=%20-name%20", []string{"🚀rocket", "日本語", "ωmega x", "Ωmega", "ıstanbul", "İzmir", "éclair", "Éclair royal", "under_score", "underXscore", "straße", "it's \"quoted\"", "café Straße", "back\\slash", "apple", "a,b", "Zebra", "STRASSE", "Apple pie", "100% pure"}},
	{"space after minus is unknown", "ordering=-%20name", []string{"100% pure", "Apple pie", "STRASSE", "Zebra", "a,b", "apple", "back\\slash", "café Straße", "it's \"quoted\"", "straße", "underXscore", "under_score", "Éclair royal", "éclair", "İzmir", "ıstanbul", "Ωmega", "ωmega x", "日本語", "🚀rocket"}},
	{"double minus is unknown", "ordering=--name", []string{"100% pure", "Apple pie", "STRASSE", "Zebra", "a,b", "apple", "back\\slash", "café Straße", "it's \"quoted\"", "straße", "underXscore", "under_score", "Éclair royal", "éclair", "İzmir", "ıstanbul", "Ωmega", "ωmega x", "日本語", "🚀rocket"}},
	{"first of duplicates wins", "ordering=name,-name", []string{"100% pure", "Apple pie", "STRASSE", "Zebra", "a,b", "apple", "back\\slash", "café Straße", "it's \"quoted\"", "straße", "underXscore", "under_score", "Éclair royal", "éclair", "İzmir", "ıstanbul", "Ωmega", "ωmega x", "日本語", "🚀rocket"}},
	{"first of duplicates wins desc", "ordering=-name,name", []string{"🚀rocket", "日本語", "ωmega x", "Ωmega", "ıstanbul", "İzmir", "éclair", "Éclair royal", "under_score", "underXscore", "straße", "it's \"quoted\"", "café Straße", "back\\slash", "apple", "a,b", "Zebra", "STRASSE", "Apple pie", "100% pure"}},
	{"empty", "ordering=", []string{"100% pure", "Apple pie", "STRASSE", "Zebra", "a,b", "apple", "back\\slash", "café Straße", "it's \"quoted\"", "straße", "underXscore", "under_score", "Éclair royal", "éclair", "İzmir", "ıstanbul", "Ωmega", "ωmega x", "日本語", "🚀rocket"}},
	{"only commas", "ordering=,,,", []string{"100% pure", "Apple pie", "STRASSE", "Zebra", "a,b", "apple", "back\\slash", "café Straße", "it's \"quoted\"", "straße", "underXscore", "under_score", "Éclair royal", "éclair", "İzmir", "ıstanbul", "Ωmega", "ωmega x", "日本語", "🚀rocket"}},
	{"upper case is unknown", "ordering=NAME", []string{"100% pure", "Apple pie", "STRASSE", "Zebra", "a,b", "apple", "back\\slash", "café Straße", "it's \"quoted\"", "straße", "underXscore", "under_score", "Éclair royal", "éclair", "İzmir", "ıstanbul", "Ωmega", "ωmega x", "日本語", "🚀rocket"}},
	{"component has no model source", "ordering=component", []string{"100% pure", "Apple pie", "STRASSE", "Zebra", "a,b", "apple", "back\\slash", "café Straße", "it's \"quoted\"", "straße", "underXscore", "under_score", "Éclair royal", "éclair", "İzmir", "ıstanbul", "Ωmega", "ωmega x", "日本語", "🚀rocket"}},
	{"verbose_name has no model source", "ordering=verbose_name", []string{"100% pure", "Apple pie", "STRASSE", "Zebra", "a,b", "apple", "back\\slash", "café Straße", "it's \"quoted\"", "straße", "underXscore", "under_score", "Éclair royal", "éclair", "İzmir", "ıstanbul", "Ωmega", "ωmega x", "日本語", "🚀rocket"}},
	{"model field name is unknown", "ordering=stage_uuid", []string{"100% pure", "Apple pie", "STRASSE", "Zebra", "a,b", "apple", "back\\slash", "café Straße", "it's \"quoted\"", "straße", "underXscore", "under_score", "Éclair royal", "éclair", "İzmir", "ıstanbul", "Ωmega", "ωmega x", "日本語", "🚀rocket"}},
	// END GENERATED orderCases
}

func TestOrder(t *testing.T) {
	rows := mustHandRows(t)
	for _, tt := range orderCases {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.wantNames, runList(t, rows, tt.query), "query %q", tt.query)
		})
	}
}

func asc(f query.Field) query.OrderTerm  { return query.OrderTerm{Field: f} }
func desc(f query.Field) query.OrderTerm { return query.OrderTerm{Field: f, Descending: true} }

// TestParseOrdering follows DRF 3.16's OrderingFilter.get_ordering: split at commas, str.strip()
// each term, drop terms that are not serializer fields with a model source (one optional '-'),
// fall back to the view's ordering ["name"]; flow_set is valid for DRF but the ORM raises
// FieldError (authentik answers 500, oracle).
func TestParseOrdering(t *testing.T) {
	for _, tt := range []struct {
		name    string
		raw     string
		want    query.Ordering
		wantErr error
	}{
		{"empty", "", query.DefaultOrdering, nil},
		{"name", "name", query.Ordering{asc(query.FieldName)}, nil},
		{"-name", "-name", query.Ordering{desc(query.FieldName)}, nil},
		{"pk", "pk", query.Ordering{asc(query.FieldPK)}, nil},
		{"-pk", "-pk", query.Ordering{desc(query.FieldPK)}, nil},
		{"session_duration", "session_duration", query.Ordering{asc(query.FieldSessionDuration)}, nil},
		{"terminate_other_sessions", "-terminate_other_sessions", query.Ordering{desc(query.FieldTerminateOtherSessions)}, nil},
		{"remember_me_offset", "remember_me_offset", query.Ordering{asc(query.FieldRememberMeOffset)}, nil},
		{"network_binding", "network_binding", query.Ordering{asc(query.FieldNetworkBinding)}, nil},
		{"geoip_binding", "-geoip_binding", query.Ordering{desc(query.FieldGeoIPBinding)}, nil},
		{"several", "geoip_binding,-pk,name", query.Ordering{asc(query.FieldGeoIPBinding), desc(query.FieldPK), asc(query.FieldName)}, nil},
		{"every field", "pk,name,session_duration,terminate_other_sessions,remember_me_offset,network_binding,geoip_binding",
			query.Ordering{asc(query.FieldPK), asc(query.FieldName), asc(query.FieldSessionDuration), asc(query.FieldTerminateOtherSessions),
				asc(query.FieldRememberMeOffset), asc(query.FieldNetworkBinding), asc(query.FieldGeoIPBinding)}, nil},
		{"unknown dropped", "foo,-name", query.Ordering{desc(query.FieldName)}, nil},
		{"only unknown", "foo,-bar", query.DefaultOrdering, nil},
		{"duplicate keeps first", "name,-name", query.Ordering{asc(query.FieldName)}, nil},
		{"duplicate keeps first desc", "-name,pk,name", query.Ordering{desc(query.FieldName), asc(query.FieldPK)}, nil},
		{"spaces stripped", " -name , pk ", query.Ordering{desc(query.FieldName), asc(query.FieldPK)}, nil},
		{"python whitespace stripped", "\t\u3000name\x1f\n", query.Ordering{asc(query.FieldName)}, nil},
		{"space after minus", "- name", query.DefaultOrdering, nil},
		{"double minus", "--name", query.DefaultOrdering, nil},
		{"plus", "+name", query.DefaultOrdering, nil},
		{"upper case", "NAME", query.DefaultOrdering, nil},
		{"empty terms", ",,name,,", query.Ordering{asc(query.FieldName)}, nil},
		{"only commas", ",,,", query.DefaultOrdering, nil},
		{"component (source *)", "component", query.DefaultOrdering, nil},
		{"verbose_name (source *)", "verbose_name", query.DefaultOrdering, nil},
		{"verbose_name_plural (source *)", "verbose_name_plural", query.DefaultOrdering, nil},
		{"meta_model_name (source *)", "meta_model_name", query.DefaultOrdering, nil},
		{"model field name", "stage_uuid", query.DefaultOrdering, nil},
		{"ORM relation name", "flow", query.DefaultOrdering, nil},
		{"flow_set", "flow_set", nil, query.ErrOrderingFlowSet},
		{"-flow_set", "-flow_set", nil, query.ErrOrderingFlowSet},
		{"flow_set after a valid term", "name,flow_set", nil, query.ErrOrderingFlowSet},
		{"flow_set after an unknown term", "foo, flow_set ", nil, query.ErrOrderingFlowSet},
		{"flow_set after a duplicate", "name,name,-flow_set", nil, query.ErrOrderingFlowSet},
		{"flow_set-like", "flow_set_x", query.DefaultOrdering, nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got, err := query.ParseOrdering(tt.raw)
			if tt.wantErr != nil {
				assert.ErrorIs(t, err, tt.wantErr)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
		})
	}
}

func TestDefaultOrdering(t *testing.T) {
	assert.Equal(t, query.Ordering{asc(query.FieldName)}, query.DefaultOrdering)
}

func TestOrderingKey(t *testing.T) {
	keys := map[string]string{}
	for _, raw := range []string{"name", "-name", "pk", "-pk", "name,pk", "pk,name", "name,-pk", "session_duration",
		"terminate_other_sessions", "remember_me_offset", "network_binding", "geoip_binding", "-geoip_binding,name"} {
		o, err := query.ParseOrdering(raw)
		require.NoError(t, err)
		k := o.Key()
		if other, ok := keys[k]; ok {
			t.Errorf("orderings %q and %q share the key %q", other, raw, k)
		}
		keys[k] = raw
	}
	for _, same := range [][2]string{{"", "name"}, {"name,-name", "name"}, {"foo,-pk", " -pk"}, {"NAME", "name"}} {
		a, err := query.ParseOrdering(same[0])
		require.NoError(t, err)
		b, err := query.ParseOrdering(same[1])
		require.NoError(t, err)
		assert.Equal(t, a.Key(), b.Key(), "%q and %q order alike", same[0], same[1])
	}
}

// TestOrderByteOrder: strings compare as PostgreSQL's C collation compares them, byte by byte
// of their UTF-8 (the order below is what the oracle's PostgreSQL answered for
// SELECT n FROM unnest(...) n ORDER BY n).
func TestOrderByteOrder(t *testing.T) {
	rows := named("é", "a", "Z", "É", "z", "A", "_", "-", "~", "ß", "ı", "İ", "日", "🚀", "a b", "ab")
	want := []string{"-", "A", "Z", "_", "a", "a b", "ab", "z", "~", "É", "ß", "é", "İ", "ı", "日", "🚀"}
	query.Order(rows, query.Ordering{asc(query.FieldName)}, collate.C)
	assert.Equal(t, want, namesOf(rows))

	query.Order(rows, query.Ordering{desc(query.FieldName)}, collate.C)
	for i, j := 0, len(want)-1; i < j; i, j = i+1, j-1 {
		want[i], want[j] = want[j], want[i]
	}
	assert.Equal(t, want, namesOf(rows))
}

// TestOrderEnUS: under en_US, strings compare as the oracle's PostgreSQL (a database made with
// LC_COLLATE en_US.UTF-8 on Debian 12) answered for SELECT n FROM unnest(...) n ORDER BY n:
// punctuation and symbols first, letters before case, spaces and hyphens counted last; glibc
// finds the private-use characters U+E000 to U+E002 equal, and PostgreSQL breaks that tie by
// bytes.
func TestOrderEnUS(t *testing.T) {
	en, err := collate.Lookup("en_US")
	require.NoError(t, err)
	want := []string{"-", "_", "~", "🚀", "a", "A", "a b", "ab", "co-op", "coop", "Coop", "é", "É", "İ", "ı", "ß",
		"x\ue000", "x\ue001", "x\ue002a", "x\ue001b", "z", "Z", "日"}
	rows := named(want...)
	slices.Reverse(rows)
	query.Order(rows, query.Ordering{asc(query.FieldName)}, en)
	assert.Equal(t, want, namesOf(rows))

	query.Order(rows, query.Ordering{desc(query.FieldName)}, en)
	slices.Reverse(want)
	assert.Equal(t, want, namesOf(rows))
}

// stageRow is a stage with the given name and fields, for ordering tests.
func stageRow(name string, terminate bool, duration, network string) fixtures.UserLoginStage {
	return fixtures.UserLoginStage{PK: fixtures.UUID5URL(name), Name: name, SessionDuration: duration, RememberMeOffset: "seconds=0",
		TerminateOtherSessions: terminate, NetworkBinding: network, GeoIPBinding: "no_binding"}
}

// TestOrderTiesAndBooleans: false sorts before true; rows with equal keys keep their input
// order (Order is stable; PostgreSQL leaves ties unspecified, so any order would be right for
// authentik, and akmock promises this one), also when descending.
func TestOrderTiesAndBooleans(t *testing.T) {
	input := []fixtures.UserLoginStage{
		stageRow("t1", true, "hours=1", "bind_asn"),
		stageRow("f1", false, "hours=2", "no_binding"),
		stageRow("t2", true, "hours=2", "no_binding"),
		stageRow("f2", false, "hours=1", "bind_asn"),
		stageRow("f3", false, "hours=1", "no_binding"),
		stageRow("t3", true, "hours=1", "no_binding"),
	}
	for _, tt := range []struct {
		name      string
		ordering  query.Ordering
		wantNames []string
	}{
		{"false before true", query.Ordering{asc(query.FieldTerminateOtherSessions)}, []string{"f1", "f2", "f3", "t1", "t2", "t3"}},
		{"true before false", query.Ordering{desc(query.FieldTerminateOtherSessions)}, []string{"t1", "t2", "t3", "f1", "f2", "f3"}},
		{"ties keep input order", query.Ordering{asc(query.FieldSessionDuration)}, []string{"t1", "f2", "f3", "t3", "f1", "t2"}},
		{"ties keep input order desc", query.Ordering{desc(query.FieldSessionDuration)}, []string{"f1", "t2", "t1", "f2", "f3", "t3"}},
		{"two keys", query.Ordering{asc(query.FieldSessionDuration), desc(query.FieldTerminateOtherSessions)}, []string{"t1", "t3", "f2", "f3", "t2", "f1"}},
		{"three keys", query.Ordering{asc(query.FieldNetworkBinding), asc(query.FieldSessionDuration), desc(query.FieldName)},
			[]string{"t1", "f2", "t3", "f3", "t2", "f1"}},
		{"equal everywhere but name", query.Ordering{asc(query.FieldGeoIPBinding), asc(query.FieldRememberMeOffset)}, []string{"t1", "f1", "t2", "f2", "f3", "t3"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			rows := rowsOf(input...)
			query.Order(rows, tt.ordering, collate.C)
			assert.Equal(t, tt.wantNames, namesOf(rows))
		})
	}
}

func TestOrderEmpty(t *testing.T) {
	query.Order(nil, query.DefaultOrdering, collate.C)
	rows := named("only")
	query.Order(rows, query.Ordering{desc(query.FieldPK)}, collate.C)
	assert.Equal(t, []string{"only"}, namesOf(rows))
}

// TestCompare: Compare gives the sign Order sorts by, 0 for the ties Order leaves in input order.
func TestCompare(t *testing.T) {
	en, err := collate.Lookup("en_US")
	require.NoError(t, err)
	t1 := stageRow("t1", true, "hours=1", "bind_asn")
	f1 := stageRow("f1", false, "hours=2", "no_binding")
	f2 := stageRow("f2", false, "hours=1", "bind_asn")
	lower, upper := stageRow("a", false, "hours=1", "bind_asn"), stageRow("A", false, "hours=1", "bind_asn")
	for _, tt := range []struct {
		name     string
		a, b     fixtures.UserLoginStage
		ordering query.Ordering
		coll     collate.Collation
		want     int
	}{
		{"false before true", f1, t1, query.Ordering{asc(query.FieldTerminateOtherSessions)}, collate.C, -1},
		{"true after false", t1, f1, query.Ordering{asc(query.FieldTerminateOtherSessions)}, collate.C, 1},
		{"descending", f1, t1, query.Ordering{desc(query.FieldTerminateOtherSessions)}, collate.C, 1},
		{"tie", t1, f2, query.Ordering{asc(query.FieldSessionDuration)}, collate.C, 0},
		{"tie descending", t1, f2, query.Ordering{desc(query.FieldSessionDuration)}, collate.C, 0},
		{"second term decides", t1, f2, query.Ordering{asc(query.FieldSessionDuration), desc(query.FieldTerminateOtherSessions)}, collate.C, -1},
		{"first term decides", f1, f2, query.Ordering{asc(query.FieldSessionDuration), desc(query.FieldName)}, collate.C, 1},
		{"bytes", lower, upper, query.DefaultOrdering, collate.C, 1},
		{"en_US", lower, upper, query.DefaultOrdering, en, -1},
	} {
		t.Run(tt.name, func(t *testing.T) {
			a, b := query.NewRow(&tt.a), query.NewRow(&tt.b)
			assert.Equal(t, tt.want, tt.ordering.Compare(a, b, tt.coll))
			assert.Equal(t, -tt.want, tt.ordering.Compare(b, a, tt.coll))
		})
	}
}

// TestCompareAgreesWithOrder: after Order, no row compares after the one that follows it, for
// every ordering of the oracle cases, under both collations.
func TestCompareAgreesWithOrder(t *testing.T) {
	en, err := collate.Lookup("en_US")
	require.NoError(t, err)
	for _, coll := range []collate.Collation{collate.C, en} {
		for _, tt := range orderCases {
			p := mustParse(t, tt.query)
			rows := mustHandRows(t)
			query.Order(rows, p.Ordering, coll)
			for i := 1; i < len(rows); i++ {
				assert.LessOrEqual(t, p.Ordering.Compare(rows[i-1], rows[i], coll), 0, "%s, %q before %q", tt.query, rows[i-1].Stage.Name, rows[i].Stage.Name)
			}
		}
	}
}
