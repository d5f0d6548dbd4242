package mockserver_test

import (
	"bufio"
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"
	"unicode"

	"github.com/stretchr/testify/require"

	"akmock/fixtures"
	"akmock/fixtures/pyjson"
	"akmock/mockserver"
	"akmock/schema"
)

// goldenCase is one line of testdata/golden/*.jsonl: a request and the reference oracle's answer
// (recorded with scripts/record_golden.py; never rewritten from akmock's output).
type goldenCase struct {
	Request struct {
		Method      string            `json:"method"`
		Path        string            `json:"path"`
		Headers     map[string]string `json:"headers"`
		Body        *string           `json:"body"`
		ContentType *string           `json:"content_type"`
	} `json:"request"`
	Response struct {
		Status      int    `json:"status"`
		ContentType string `json:"content_type"`
		Body        string `json:"body"`
	} `json:"response"`
}

// TestGolden replays every recorded request, in order, against a server started on the same
// fixture (the file name's first part names testdata/fixtures/<name>.json; a name ending in
// ".en_US" was recorded from an oracle whose database collates en_US.UTF-8, and the server
// collates so too) and compares status,
// Content-Type and body bytes. Where authentik leaves an order unspecified (rows with equal
// ordering keys, a stage's flows, used_by's flows) or picks a value (created pks, binding pks),
// both bodies are put in a canonical form first; key order is always compared.
func TestGolden(t *testing.T) {
	files, err := filepath.Glob("../testdata/golden/*.jsonl")
	require.NoError(t, err)
	require.NotEmpty(t, files)
	v := mustValidator(t)
	for _, file := range files {
		name := strings.TrimSuffix(filepath.Base(file), ".jsonl")
		t.Run(name, func(t *testing.T) {
			fixture := "../testdata/fixtures/" + strings.SplitN(name, ".", 2)[0] + ".json"
			stages, err := fixtures.LoadFile(fixture)
			require.NoError(t, err)
			known := map[string]bool{}
			for _, s := range stages {
				known[s.PK] = true
			}
			cfg := mockserver.Config{Stages: stages, OnViolation: func(e *schema.Error) {
				t.Errorf("schema violation: %#v", e)
			}}
			if strings.HasSuffix(name, ".en_US") {
				cfg.Collation = "en_US"
			}
			srv, err := mockserver.New(cfg)
			require.NoError(t, err)
			for i, c := range readGolden[goldenCase](t, file) {
				rec := replay(t, srv, i, c, known)
				if isListRequest(c) && rec.Code == http.StatusOK {
					require.NoError(t, listPageError(v, srv.Store().Current(), rec.Body.Bytes()), "#%d %s", i, c.Request.Path)
				}
			}
		})
	}
}

// readGolden reads a golden file: one case of type C per line.
func readGolden[C any](t *testing.T, file string) []C {
	t.Helper()
	f, err := os.Open(file)
	require.NoError(t, err)
	defer f.Close()
	var out []C
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	for sc.Scan() {
		var c C
		require.NoError(t, json.Unmarshal(sc.Bytes(), &c))
		out = append(out, c)
	}
	require.NoError(t, sc.Err())
	require.NotEmpty(t, out, file)
	return out
}

// isListRequest reports whether c asks for a list page.
func isListRequest(c goldenCase) bool {
	path, _, _ := strings.Cut(c.Request.Path, "?")
	return c.Request.Method == http.MethodGet && path == "/api/v3/stages/user_login/"
}

// replay sends one recorded request, compares the answer and returns it.
func replay(t *testing.T, srv http.Handler, i int, c goldenCase, known map[string]bool) *httptest.ResponseRecorder {
	t.Helper()
	var body *bytes.Reader
	if c.Request.Body != nil {
		body = bytes.NewReader([]byte(*c.Request.Body))
	} else {
		body = bytes.NewReader(nil)
	}
	req := httptest.NewRequest(c.Request.Method, escapeNonASCII(c.Request.Path), body)
	for k, v := range c.Request.Headers {
		req.Header.Set(k, v)
	}
	if c.Request.Body != nil {
		ct := "application/json" // what the recorder sends unless the case names a type
		if c.Request.ContentType != nil {
			ct = *c.Request.ContentType
		}
		req.Header.Set("Content-Type", ct)
	}
	rec := httptest.NewRecorder()
	srv.ServeHTTP(rec, req)
	if methodsUvicornRefuses[c.Request.Method] {
		c.Response.Status, c.Response.ContentType = http.StatusBadRequest, "text/plain; charset=utf-8"
	}
	where := c.Request.Method + " " + c.Request.Path
	if c.Request.Body != nil {
		where += " body=" + *c.Request.Body
	}
	if rec.Code != c.Response.Status {
		t.Errorf("#%d %s: status %d, want %d (body %.200s)", i, where, rec.Code, c.Response.Status, rec.Body.String())
		return rec
	}
	if got, want := normaliseCT(rec.Header().Get("Content-Type")), normaliseCT(c.Response.ContentType); got != want {
		t.Errorf("#%d %s: Content-Type %q, want %q", i, where, got, want)
		return rec
	}
	if !strings.HasPrefix(normaliseCT(c.Response.ContentType), "application/json") {
		// authentik's error pages are its own, not the oracle's (README, "Known differences"):
		// only status and type are compared, and that the body is empty where the oracle's is
		// (a 204, a write's 405 from the error views, HEAD).
		if c.Response.Body == "" && rec.Body.Len() > 0 {
			t.Errorf("#%d %s: body %.200q, want none", i, where, rec.Body.String())
		}
		return rec
	}
	got, want := rec.Body.String(), c.Response.Body
	if c.Request.Method == http.MethodOptions {
		want = authentikMetadata(t, want)
	}
	if c.Request.Body != nil {
		if detail, ok := parseErrorsOfOrjson3_10[*c.Request.Body]; ok {
			require.True(t, strings.HasPrefix(want, `{"detail":"JSON parse error - `), "#%d %s: recorded %s", i, where, want)
			want = `{"detail":"JSON parse error - ` + detail + `"}`
		}
	}
	if got == want {
		return rec
	}
	if canonical(t, got, c, known) != canonical(t, want, c, known) {
		t.Errorf("#%d %s:\n got %.600s\nwant %.600s", i, where, got, want)
		return rec
	}
	// The same values up to what authentik leaves unspecified; the bytes must still be the ones
	// orjson writes for those values (spacing, escapes, number spelling), as the recorded
	// body's are.
	require.Equal(t, want, orjsonBytes(t, want), "#%d %s: the recorded body is not orjson's encoding of itself", i, where)
	if enc := orjsonBytes(t, got); got != enc {
		t.Errorf("#%d %s: the body is not as orjson writes it:\n got %.600s\nwant %.600s", i, where, got, enc)
	}
	return rec
}

// methodsUvicornRefuses are the recorded methods that authentik's ASGI server (uvicorn with
// httptools, whose parser knows only registered methods) refuses with its plain-text 400 before
// Django; the oracle's development server hands every method to DRF, which answered 405 (README,
// "Where the oracle is not authentik").
var methodsUvicornRefuses = map[string]bool{"FOO": true}

// parseErrorsOfOrjson3_10 are the recorded write bodies whose JSON parse error authentik's orjson
// 3.10.18 words or places otherwise than the oracle's 3.8.3 (a newer yyjson; README, "Where the
// oracle is not authentik"), with 3.10.18's message, from its yyjson
// (fixtures/pyjson/testdata/yyjson_harness.c).
var parseErrorsOfOrjson3_10 = map[string]string{
	`{"name":"a",}`:     "trailing comma is not allowed: line 1 column 12 (char 11)",
	`[1,]`:              "trailing comma is not allowed: line 1 column 3 (char 2)",
	"\ufeff{}":          "unexpected character: line 1 column 1 (char 0)",
	`{"name":"\ud800"}`: "no low surrogate in string: line 1 column 16 (char 15)",
	`nul`:               "unexpected end of data: line 1 column 4 (char 3)",
	`tru`:               "unexpected end of data: line 1 column 4 (char 3)",
}

// orjsonBytes is the encoding orjson gives the JSON value body holds.
func orjsonBytes(t *testing.T, body string) string {
	t.Helper()
	v, err := pyjson.Parse([]byte(body))
	require.NoError(t, err, "body %.200s", body)
	return string(pyjson.Encode(v))
}

// metadataFromModels are the parts of an OPTIONS body that come from authentik's models, which
// the oracle's simplified models lack (DRF's SimpleMetadata writes a field's help_text after its
// label): authentik/stages/user_login/models.py and authentik/flows/models.py give the help
// texts, the same strings as the descriptions in authentik 2025.6's OpenAPI document;
// authentik/policies/models.py labels PolicyEngineMode's choices; FlowDesignation's member
// UNRENOLLMENT (sic) gets Django's label "Unrenollment"; and policybindingmodel_ptr_id, no field
// of authentik's Flow serializer's model but an attribute, is DRF's ReadOnlyField ("field").
var metadataFromModels = []struct{ oracle, authentik string }{
	{`"policybindingmodel_ptr_id":{"type":"string"`, `"policybindingmodel_ptr_id":{"type":"field"`},
	{`"label":"Slug"`, `"label":"Slug","help_text":"Visible in the URL."`},
	{`"label":"Title"`, `"label":"Title","help_text":"Shown as the Title in Flow pages."`},
	{`"label":"Designation"`, `"label":"Designation","help_text":"Decides what this Flow is used for. For example, the Authentication flow is redirect to when an un-authenticated user visits authentik."`},
	{`"display_name":"Unenrollment"`, `"display_name":"Unrenollment"`},
	{`"display_name":"Mode All"`, `"display_name":"all, all policies must pass"`},
	{`"display_name":"Mode Any"`, `"display_name":"any, any policy must pass"`},
	{`"label":"Compatibility mode"`, `"label":"Compatibility mode","help_text":"Enable compatibility mode, increases compatibility with password managers on mobile devices."`},
	{`"label":"Denied action"`, `"label":"Denied action","help_text":"Configure what should happen when a flow denies access to a user."`},
	{`"label":"Session duration"`, `"label":"Session duration","help_text":"Determines how long a session lasts. Default of 0 means that the sessions lasts until the browser is closed. (Format: hours=-1;minutes=-2;seconds=-3)"`},
	{`"label":"Terminate other sessions"`, `"label":"Terminate other sessions","help_text":"Terminate all other sessions of the user logging in."`},
	{`"label":"Remember me offset"`, `"label":"Remember me offset","help_text":"Offset the session will be extended by when the user picks the remember me option. Default of 0 means that the remember me option will not be shown. (Format: hours=-1;minutes=-2;seconds=-3)"`},
	{`"label":"Network binding"`, `"label":"Network binding","help_text":"Bind sessions created by this stage to the configured network"`},
	{`"label":"Geoip binding"`, `"label":"Geoip binding","help_text":"Bind sessions created by this stage to the configured GeoIP location"`},
}

// authentikMetadata is an OPTIONS body the oracle recorded as authentik 2025.6 answers it: with
// the parts of [metadataFromModels], where the body describes a stage's fields.
func authentikMetadata(t *testing.T, body string) string {
	t.Helper()
	if !strings.Contains(body, `"actions":`) {
		return body // no fields described
	}
	for _, m := range metadataFromModels {
		require.Equal(t, 1, strings.Count(body, m.oracle), "%s in the recorded OPTIONS body", m.oracle)
		body = strings.Replace(body, m.oracle, m.authentik, 1)
	}
	return body
}

// escapeNonASCII percent-encodes bytes outside printable ASCII, as an HTTP client sends them.
func escapeNonASCII(path string) string {
	var b strings.Builder
	for i := 0; i < len(path); i++ {
		c := path[i]
		if c <= ' ' || c >= 0x7f {
			b.WriteString("%" + strings.ToUpper(string("0123456789abcdef"[c>>4])+string("0123456789abcdef"[c&15])))
		} else {
			b.WriteByte(c)
		}
	}
	return b.String()
}

func normaliseCT(ct string) string {
	parts := strings.Split(ct, ";")
	for i := range parts {
		parts[i] = strings.ToLower(strings.TrimSpace(parts[i]))
	}
	return strings.Join(parts, ";")
}

// canonical puts a JSON body in a form free of what authentik leaves unspecified.
func canonical(t *testing.T, body string, c goldenCase, known map[string]bool) string {
	t.Helper()
	v, err := pyjson.Parse([]byte(body))
	require.NoError(t, err, "body %.200s", body)
	v = maskCreated(v, known)
	switch v.Kind() {
	case pyjson.List:
		v = canonicalUsedBy(v)
	case pyjson.Dict:
		if results, ok := v.Get("results"); ok {
			before, after := pageEdges(v)
			v = replaceMember(v, "results", canonicalPage(results, orderingOf(c.Request.Path), before, after))
		} else {
			v = sortFlowSet(v)
		}
	}
	return string(pyjson.Encode(v))
}

// orderingOf names the fields a list request orders by, read here rather than by akmock's own
// parser so that a fault there cannot widen the runs of ties the comparison forgives: the last
// ordering parameter, split at commas, each term stripped as Python's str.strip() does and
// without one leading '-', the names of orderable fields kept (DRF's OrderingFilter), name
// when none is. Directions do not matter for finding runs of equal keys.
func orderingOf(path string) []string {
	_, raw, _ := strings.Cut(path, "?")
	param, found := "", false
	for _, pair := range strings.Split(raw, "&") {
		key, value, _ := strings.Cut(pair, "=")
		if unescapeForm(key) == "ordering" {
			param, found = unescapeForm(value), true
		}
	}
	var fields []string
	for _, term := range strings.Split(param, ",") {
		name := strings.TrimPrefix(strings.TrimFunc(term, isPySpace), "-")
		if found && slices.Contains(orderingFieldNames, name) {
			fields = append(fields, name)
		}
	}
	if len(fields) == 0 {
		return []string{"name"}
	}
	return fields
}

// unescapeForm decodes one part of a query string as a form: '+' is a space, and an escape that
// does not decode stays as it is.
func unescapeForm(s string) string {
	if u, err := url.QueryUnescape(s); err == nil {
		return u
	}
	return strings.ReplaceAll(s, "+", " ")
}

// isPySpace is Python's str.isspace for one character: Unicode's white space and the four ASCII
// separators U+001C to U+001F.
func isPySpace(r rune) bool { return unicode.IsSpace(r) || r >= 0x1c && r <= 0x1f }

var orderingFieldNames = []string{"pk", "name", "flow_set", "session_duration", "terminate_other_sessions", "remember_me_offset", "network_binding", "geoip_binding"}

// pageEdges reports whether rows come before and after a list page: only then may the tie group
// of the page's first or last run go on beyond it.
func pageEdges(page pyjson.Value) (before, after bool) {
	p, _ := page.Get("pagination")
	field := func(name string) int64 {
		f, _ := p.Get(name)
		n, _ := f.Int()
		return n
	}
	return field("start_index") > 1, field("end_index") < field("count")
}

// canonicalPage sorts each run of equal ordering keys. A run at the page's edge, when rows come
// before or after the page, may hold other members on another server (its tie group goes on
// beyond the page), so only its keys count here; TestGolden checks those rows' bytes against the
// stored stages instead (listPageError).
func canonicalPage(results pyjson.Value, fields []string, before, after bool) pyjson.Value {
	items := results.Items()
	keyOf := func(v pyjson.Value) string {
		var b []byte
		for _, field := range fields {
			f, _ := v.Get(field)
			b = f.AppendJSON(append(b, '|'))
		}
		return string(b)
	}
	var out []pyjson.Value
	for i := 0; i < len(items); {
		j := i
		for j < len(items) && keyOf(items[j]) == keyOf(items[i]) {
			j++
		}
		run := make([]pyjson.Value, 0, j-i)
		for _, it := range items[i:j] {
			if i == 0 && before || j == len(items) && after {
				run = append(run, pyjson.NewStr("key "+keyOf(it)))
			} else {
				run = append(run, sortFlowSet(it))
			}
		}
		sort.Slice(run, func(a, b int) bool { return string(pyjson.Encode(run[a])) < string(pyjson.Encode(run[b])) })
		out = append(out, run...)
		i = j
	}
	return pyjson.NewList(out...)
}

func sortFlowSet(stage pyjson.Value) pyjson.Value {
	fs, ok := stage.Get("flow_set")
	if !ok || fs.Kind() != pyjson.List {
		return stage
	}
	items := append([]pyjson.Value(nil), fs.Items()...)
	sort.Slice(items, func(a, b int) bool { return string(pyjson.Encode(items[a])) < string(pyjson.Encode(items[b])) })
	return replaceMember(stage, "flow_set", pyjson.NewList(items...))
}

// canonicalUsedBy masks binding pks (fixtures carry none) and sorts each model's entries.
func canonicalUsedBy(list pyjson.Value) pyjson.Value {
	items := append([]pyjson.Value(nil), list.Items()...)
	for i, it := range items {
		if m, _ := it.Get("model_name"); pyjson.PyStr(m) == "flowstagebinding" {
			items[i] = replaceMember(it, "pk", pyjson.NewStr("*"))
		}
	}
	model := func(v pyjson.Value) string { m, _ := v.Get("model_name"); return pyjson.PyStr(m) }
	for i := 0; i < len(items); { // sort each run of one model, keeping the models' order
		j := i
		for j < len(items) && model(items[j]) == model(items[i]) {
			j++
		}
		run := items[i:j]
		sort.Slice(run, func(a, b int) bool { return string(pyjson.Encode(run[a])) < string(pyjson.Encode(run[b])) })
		i = j
	}
	return pyjson.NewList(items...)
}

// maskCreated hides the pks of stages made during a write sequence: the server picks them.
func maskCreated(v pyjson.Value, known map[string]bool) pyjson.Value {
	switch v.Kind() {
	case pyjson.Dict:
		if _, isStage := v.Get("flow_set"); isStage {
			if pk, _ := v.Get("pk"); !known[pyjson.PyStr(pk)] {
				return replaceMember(v, "pk", pyjson.NewStr("*"))
			}
			return v
		}
		if results, ok := v.Get("results"); ok {
			return replaceMember(v, "results", maskCreated(results, known))
		}
	case pyjson.List:
		items := make([]pyjson.Value, len(v.Items()))
		for i, it := range v.Items() {
			items[i] = maskCreated(it, known)
		}
		return pyjson.NewList(items...)
	}
	return v
}

func replaceMember(v pyjson.Value, key string, with pyjson.Value) pyjson.Value {
	members := append([]pyjson.Member(nil), v.Members()...)
	for i := range members {
		if members[i].Key == key {
			members[i].Value = with
		}
	}
	return pyjson.NewDict(members...)
}
