package query_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"akmock/mockserver/query"
)

// TestParseFilters: django-filter's cleaned values for filterset_fields = "__all__" (oracle:
// name, stage_uuid and the duration fields are stripped CharField/UUIDField values, choices are
// not stripped, booleans are BooleanWidget's true/false/1/0 in any case, anything else and empty
// values mean no filter).
func TestParseFilters(t *testing.T) {
	const pk = "44444444-0000-4000-8000-00000000000f"
	for _, tt := range []struct {
		name  string
		query string
		want  query.Filters
	}{
		{"nothing", "", query.Filters{}},
		{"unknown parameters", "foo=bar&Name=x&NAME=y&stage-uuid=z", query.Filters{}},
		{"stage_uuid", "stage_uuid=" + pk, query.Filters{StageUUID: strp(pk)}},
		{"stage_uuid upper case", "stage_uuid=44444444-0000-4000-8000-00000000000F", query.Filters{StageUUID: strp(pk)}},
		{"stage_uuid without hyphens", "stage_uuid=4444444400004000800000000000000F", query.Filters{StageUUID: strp(pk)}},
		{"stage_uuid braces", "stage_uuid=%7B" + pk + "%7D", query.Filters{StageUUID: strp(pk)}},
		{"stage_uuid urn", "stage_uuid=urn:uuid:" + pk, query.Filters{StageUUID: strp(pk)}},
		{"stage_uuid padded", "stage_uuid=%20%09" + pk + "%0A", query.Filters{StageUUID: strp(pk)}},
		{"stage_uuid empty", "stage_uuid=", query.Filters{}},
		{"stage_uuid blank", "stage_uuid=%20%20", query.Filters{}},
		{"name", "name=apple", query.Filters{Name: strp("apple")}},
		{"name padded", "name=%20apple%09", query.Filters{Name: strp("apple")}},
		{"name inner spaces kept", "name=+a++b+", query.Filters{Name: strp("a  b")}},
		{"name ideographic space stripped", "name=%E3%80%80x%E3%80%80", query.Filters{Name: strp("x")}},
		{"name empty", "name=", query.Filters{}},
		{"name blank", "name=%20", query.Filters{}},
		{"name non-ASCII", "name=%C3%89clair", query.Filters{Name: strp("Éclair")}},
		{"session_duration", "session_duration=hours%3D1", query.Filters{SessionDuration: strp("hours=1")}},
		{"session_duration padded", "session_duration=%20hours%3D1%20", query.Filters{SessionDuration: strp("hours=1")}},
		{"session_duration not validated", "session_duration=nonsense", query.Filters{SessionDuration: strp("nonsense")}},
		{"remember_me_offset", "remember_me_offset=%20days%3D1", query.Filters{RememberMeOffset: strp("days=1")}},
		{"network_binding", "network_binding=bind_asn_network", query.Filters{NetworkBinding: strp("bind_asn_network")}},
		{"network_binding empty", "network_binding=", query.Filters{}},
		{"geoip_binding", "geoip_binding=bind_continent_country_city", query.Filters{GeoIPBinding: strp("bind_continent_country_city")}},
		{"boolean true", "terminate_other_sessions=true", query.Filters{TerminateOtherSessions: boolp(true)}},
		{"boolean True", "terminate_other_sessions=True", query.Filters{TerminateOtherSessions: boolp(true)}},
		{"boolean tRuE", "terminate_other_sessions=tRuE", query.Filters{TerminateOtherSessions: boolp(true)}},
		{"boolean 1", "terminate_other_sessions=1", query.Filters{TerminateOtherSessions: boolp(true)}},
		{"boolean false", "terminate_other_sessions=false", query.Filters{TerminateOtherSessions: boolp(false)}},
		{"boolean FALSE", "terminate_other_sessions=FALSE", query.Filters{TerminateOtherSessions: boolp(false)}},
		{"boolean 0", "terminate_other_sessions=0", query.Filters{TerminateOtherSessions: boolp(false)}},
		{"boolean yes", "terminate_other_sessions=yes", query.Filters{}},
		{"boolean on", "terminate_other_sessions=on", query.Filters{}},
		{"boolean t", "terminate_other_sessions=t", query.Filters{}},
		{"boolean padded", "terminate_other_sessions=%20true", query.Filters{}},
		{"boolean 2", "terminate_other_sessions=2", query.Filters{}},
		{"boolean 01", "terminate_other_sessions=01", query.Filters{}},
		{"boolean NUL", "terminate_other_sessions=%00", query.Filters{}},
		{"boolean empty", "terminate_other_sessions=", query.Filters{}},
		{"last value wins", "name=a&name=b", query.Filters{Name: strp("b")}},
		{"every filter", "stage_uuid=" + pk + "&name=n&session_duration=hours%3D1&network_binding=no_binding" +
			"&geoip_binding=bind_continent&terminate_other_sessions=0&remember_me_offset=days%3D1",
			query.Filters{StageUUID: strp(pk), Name: strp("n"), SessionDuration: strp("hours=1"), NetworkBinding: strp("no_binding"),
				GeoIPBinding: strp("bind_continent"), TerminateOtherSessions: boolp(false), RememberMeOffset: strp("days=1")}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			p := mustParse(t, tt.query)
			assert.Equal(t, tt.want, p.Filters)
			assert.Equal(t, tt.want != (query.Filters{}), p.Filters.Active())
		})
	}
}

func TestFiltersActive(t *testing.T) {
	assert.False(t, query.Filters{}.Active())
	for name, f := range map[string]query.Filters{
		"stage_uuid":               {StageUUID: strp("x")},
		"name":                     {Name: strp("x")},
		"session_duration":         {SessionDuration: strp("x")},
		"network_binding":          {NetworkBinding: strp("x")},
		"geoip_binding":            {GeoIPBinding: strp("x")},
		"terminate_other_sessions": {TerminateOtherSessions: boolp(false)},
		"remember_me_offset":       {RememberMeOffset: strp("x")},
	} {
		assert.True(t, f.Active(), name)
	}
}

const (
	badUUID = "Enter a valid UUID."
	nulls   = "Null characters are not allowed."
)

func fieldErr(field string, msgs ...string) query.FieldError {
	return query.FieldError{Field: field, Messages: msgs}
}

// TestParseFilterErrors: the 400 bodies the oracle gave for these queries, every bad filter at
// once in the filterset's field order (stage_uuid, name, session_duration, network_binding,
// geoip_binding, terminate_other_sessions, remember_me_offset), whatever the query's order.
func TestParseFilterErrors(t *testing.T) {
	for _, tt := range []struct {
		name  string
		query string
		want  []query.FieldError
	}{
		{"stage_uuid", "stage_uuid=x", []query.FieldError{fieldErr("stage_uuid", badUUID)}},
		{"stage_uuid 33 digits", "stage_uuid=444444440000400080000000000000001", []query.FieldError{fieldErr("stage_uuid", badUUID)}},
		{"stage_uuid NUL", "stage_uuid=%00", []query.FieldError{fieldErr("stage_uuid", badUUID)}},
		{"stage_uuid upper-case urn", "stage_uuid=URN:UUID:44444444-0000-4000-8000-000000000001", []query.FieldError{fieldErr("stage_uuid", badUUID)}},
		{"name NUL", "name=%00", []query.FieldError{fieldErr("name", nulls)}},
		{"name padded NUL", "name=%20%00%20", []query.FieldError{fieldErr("name", nulls)}},
		{"name inner NUL", "name=a%00b", []query.FieldError{fieldErr("name", nulls)}},
		{"session_duration NUL", "session_duration=%00x", []query.FieldError{fieldErr("session_duration", nulls)}},
		{"remember_me_offset NUL", "remember_me_offset=x%00", []query.FieldError{fieldErr("remember_me_offset", nulls)}},
		{"choice", "network_binding=y", []query.FieldError{fieldErr("network_binding", "Select a valid choice. y is not one of the available choices.")}},
		{"choice not stripped", "network_binding=%20bind_asn", []query.FieldError{fieldErr("network_binding", "Select a valid choice.  bind_asn is not one of the available choices.")}},
		{"choice case-sensitive", "network_binding=BIND_ASN", []query.FieldError{fieldErr("network_binding", "Select a valid choice. BIND_ASN is not one of the available choices.")}},
		{"choice non-ASCII", "geoip_binding=%C3%A9", []query.FieldError{fieldErr("geoip_binding", "Select a valid choice. é is not one of the available choices.")}},
		{"choice quotes", "network_binding=%22x%22", []query.FieldError{fieldErr("network_binding", `Select a valid choice. "x" is not one of the available choices.`)}},
		{"choice html", "network_binding=a%3Cb%3E%26", []query.FieldError{fieldErr("network_binding", "Select a valid choice. a<b>& is not one of the available choices.")}},
		{"choice NUL", "network_binding=%00", []query.FieldError{fieldErr("network_binding", "Select a valid choice. \x00 is not one of the available choices.")}},
		{"choice of the other enum", "geoip_binding=bind_asn", []query.FieldError{fieldErr("geoip_binding", "Select a valid choice. bind_asn is not one of the available choices.")}},
		{"choice with percent s", "geoip_binding=%25s", []query.FieldError{fieldErr("geoip_binding", "Select a valid choice. %s is not one of the available choices.")}},
		{"every field", "stage_uuid=x&network_binding=y&name=a%00b&geoip_binding=z&session_duration=%00&remember_me_offset=%00&terminate_other_sessions=maybe",
			[]query.FieldError{
				fieldErr("stage_uuid", badUUID),
				fieldErr("name", nulls),
				fieldErr("session_duration", nulls),
				fieldErr("network_binding", "Select a valid choice. y is not one of the available choices."),
				fieldErr("geoip_binding", "Select a valid choice. z is not one of the available choices."),
				fieldErr("remember_me_offset", nulls),
			}},
		{"filterset order, not query order", "remember_me_offset=%00&network_binding=y&stage_uuid=x",
			[]query.FieldError{
				fieldErr("stage_uuid", badUUID),
				fieldErr("network_binding", "Select a valid choice. y is not one of the available choices."),
				fieldErr("remember_me_offset", nulls),
			}},
		{"good filters beside a bad one", "name=ok&network_binding=bind_asn&geoip_binding=nope",
			[]query.FieldError{fieldErr("geoip_binding", "Select a valid choice. nope is not one of the available choices.")}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := parseRaw(t, tt.query)
			var qe *query.Error
			require.ErrorAs(t, err, &qe)
			assert.Equal(t, tt.want, qe.Fields)
		})
	}
}

// TestParsePrecedence: authentik's filter backends run django-filter, then OrderingFilter (the
// ORM's FieldError, a 500), then SearchFilter (the NUL check): the first to fail decides
// (oracle).
func TestParsePrecedence(t *testing.T) {
	for _, tt := range []struct {
		name    string
		query   string
		wantErr error // nil: a *query.Error
	}{
		{"filters before ordering", "stage_uuid=x&ordering=flow_set", nil},
		{"filters before search", "stage_uuid=x&search=%00", nil},
		{"filters before both", "ordering=flow_set&search=%00&network_binding=x", nil},
		{"ordering before search", "ordering=flow_set&search=%00", query.ErrOrderingFlowSet},
		{"ordering", "ordering=-flow_set", query.ErrOrderingFlowSet},
		{"ordering with a good filter", "name=x&ordering=name,flow_set", query.ErrOrderingFlowSet},
		{"search NUL", "search=%00", query.ErrSearchNull},
		{"search inner NUL", "search=a%00", query.ErrSearchNull},
		{"search NUL in quotes", "search=%22a%00b%22", query.ErrSearchNull},
		{"search NUL with good filter", "name=x&search=%00", query.ErrSearchNull},
		{"search NUL with good ordering", "ordering=-name&search=%00", query.ErrSearchNull},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := parseRaw(t, tt.query)
			require.Error(t, err)
			if tt.wantErr == nil {
				var qe *query.Error
				assert.ErrorAs(t, err, &qe)
				return
			}
			assert.ErrorIs(t, err, tt.wantErr)
		})
	}
}

// TestParseSearchOrderingPage: what Parse hands on besides filters. Pages are judged later, by
// Paginate, so any page value parses.
func TestParseSearchOrderingPage(t *testing.T) {
	for _, tt := range []struct {
		name       string
		query      string
		wantSearch []string
		wantOrder  query.Ordering
		wantPage   query.PageRequest
	}{
		{"defaults", "", nil, query.DefaultOrdering, query.PageRequest{}},
		// DRF's search_smart_split, run in Python: a quoted phrase stays whole unless a comma
		// and more follow it.
		{"search quoted phrase", "search=a%20%22b+c%22", []string{"a", "b c"}, query.DefaultOrdering, query.PageRequest{}},
		{"search quoted phrase and comma", "search=a%20%22b+c%22,d", []string{"a", `"b c"`, "d"}, query.DefaultOrdering, query.PageRequest{}},
		{"search comma split", "search=a,b", []string{"a", "b"}, query.DefaultOrdering, query.PageRequest{}},
		{"search lone quote", "search='", []string{""}, query.DefaultOrdering, query.PageRequest{}},
		{"ordering", "ordering=-pk", nil, query.Ordering{{Field: query.FieldPK, Descending: true}}, query.PageRequest{}},
		{"page", "page=2&page_size=5", nil, query.DefaultOrdering, query.PageRequest{Page: "2", PageSize: "5"}},
		{"page raw", "page=%20last&page_size=abc", nil, query.DefaultOrdering, query.PageRequest{Page: " last", PageSize: "abc"}},
		{"page invalid still parses", "page=0&page_size=-1", nil, query.DefaultOrdering, query.PageRequest{Page: "0", PageSize: "-1"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			p := mustParse(t, tt.query)
			if tt.wantSearch == nil {
				assert.Empty(t, p.Search)
			} else {
				assert.Equal(t, tt.wantSearch, p.Search)
			}
			assert.Equal(t, tt.wantOrder, p.Ordering)
			assert.Equal(t, tt.wantPage, p.Page)
		})
	}
}

func TestInvalidChoiceMessage(t *testing.T) {
	for _, tt := range []struct{ value, want string }{
		{"x", "Select a valid choice. x is not one of the available choices."},
		{"", "Select a valid choice.  is not one of the available choices."},
		{"%s", "Select a valid choice. %s is not one of the available choices."},
		{"%(value)s", "Select a valid choice. %(value)s is not one of the available choices."},
	} {
		t.Run(tt.value, func(t *testing.T) {
			assert.Equal(t, tt.want, query.InvalidChoiceMessage(tt.value))
		})
	}
}

func TestErrorAdd(t *testing.T) {
	e := &query.Error{}
	assert.True(t, e.Empty())
	e.Add("b", "one")
	e.Add("a", "two")
	e.Add("b", "three")
	assert.False(t, e.Empty())
	assert.Equal(t, []query.FieldError{fieldErr("b", "one", "three"), fieldErr("a", "two")}, e.Fields)
	assert.Equal(t, "invalid: b: one three; a: two", e.Error())
}

// TestFiltersKey: two selections that can keep different rows never share a cache key. Each
// pair differs in one field, in a term's boundaries, or in nil against empty.
func TestFiltersKey(t *testing.T) {
	s := func(v string) *string { return &v }
	yes, no := true, false
	for _, tc := range []struct {
		name   string
		a, b   query.Filters
		sa, sb []string
	}{
		{name: "one term or two", sa: []string{"a:b"}, sb: []string{"a", "b"}},
		{name: "term boundaries", sa: []string{"ab", "c"}, sb: []string{"a", "bc"}},
		{name: "a term that looks like two", sa: []string{"a+:b"}, sb: []string{"a", "b"}},
		{name: "a term with a colon and a length", sa: []string{"1:a"}, sb: []string{"a"}},
		{name: "no search or an empty term", sa: nil, sb: []string{""}},
		{name: "stage_uuid", a: query.Filters{StageUUID: s("x")}},
		{name: "name", a: query.Filters{Name: s("x")}},
		{name: "name empty or absent", a: query.Filters{Name: s("")}},
		{name: "session_duration", a: query.Filters{SessionDuration: s("x")}},
		{name: "network_binding", a: query.Filters{NetworkBinding: s("x")}},
		{name: "geoip_binding", a: query.Filters{GeoIPBinding: s("x")}},
		{name: "remember_me_offset", a: query.Filters{RememberMeOffset: s("x")}},
		{name: "terminate_other_sessions true or false", a: query.Filters{TerminateOtherSessions: &yes}, b: query.Filters{TerminateOtherSessions: &no}},
		{name: "terminate_other_sessions false or absent", a: query.Filters{TerminateOtherSessions: &no}},
		{name: "the same value in two fields", a: query.Filters{Name: s("x")}, b: query.Filters{SessionDuration: s("x")}},
		{name: "a value that looks like two fields", a: query.Filters{Name: s("a"), SessionDuration: s("b-")}, b: query.Filters{Name: s("a+0:b")}},
		{name: "a name or a search term", a: query.Filters{Name: s("x")}, sb: []string{"x"}},
	} {
		assert.NotEqual(t, tc.a.Key(tc.sa), tc.b.Key(tc.sb), tc.name)
	}
	// Two equal selections built apart (s allocates each value anew): the key is made of the
	// values, not of where they are.
	first, second := query.Filters{Name: s("x")}, query.Filters{Name: s("x")}
	require.NotSame(t, first.Name, second.Name)
	assert.Equal(t, first.Key([]string{"y"}), second.Key([]string{"y"}), "equal selections, equal keys")
}
