package mockserver_test

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"akmock/fixtures"
	"akmock/mockserver"
)

const stagesURL = "/api/v3/stages/user_login/"

// twoStages is a small data set for tests that set up their own state.
func twoStages() []fixtures.UserLoginStage {
	return []fixtures.UserLoginStage{
		{PK: "11111111-1111-4111-8111-111111111111", Name: "alpha"},
		{PK: "22222222-2222-4222-8222-222222222222", Name: "beta"},
	}
}

// do sends a request with the test server's client and returns the status and body.
func do(t *testing.T, ts *mockserver.TestServer, method, path, body string) (int, string) {
	t.Helper()
	status, b, err := tryDo(ts, method, path, body)
	require.NoError(t, err)
	return status, b
}

// doConcurrently is do for goroutines other than the test's, where require must not stop the
// test: a failed request is reported and answers status 0.
func doConcurrently(t *testing.T, ts *mockserver.TestServer, method, path, body string) (int, string) {
	t.Helper()
	status, b, err := tryDo(ts, method, path, body)
	assert.NoError(t, err)
	return status, b
}

// tryDo sends a request to the test server and reads the whole answer.
func tryDo(ts *mockserver.TestServer, method, path, body string) (int, string, error) {
	var r io.Reader
	if body != "" {
		r = strings.NewReader(body)
	}
	req, err := http.NewRequest(method, ts.URL+path, r)
	if err != nil {
		return 0, "", err
	}
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := ts.Client().Do(req)
	if err != nil {
		return 0, "", err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b), err
}

func names(t *testing.T, ts *mockserver.TestServer) []string {
	t.Helper()
	var out []string
	for _, s := range ts.Store().Current().Stages() {
		out = append(out, s.Name)
	}
	return out
}

func TestControlResetAndReplace(t *testing.T) {
	ts := mockserver.NewTestServer(t, mockserver.Config{Stages: twoStages()})
	status, body := do(t, ts, http.MethodPost, stagesURL, `{"name":"gamma"}`)
	require.Equal(t, http.StatusCreated, status, body)
	require.Equal(t, []string{"alpha", "beta", "gamma"}, names(t, ts))

	status, body = do(t, ts, http.MethodPost, "/_akmock/reset", "")
	assert.Equal(t, http.StatusOK, status)
	assert.Equal(t, `{"stages":2}`, body)
	assert.Equal(t, []string{"alpha", "beta"}, names(t, ts))

	// A list response is a valid fixture too; it replaces everything.
	status, body = do(t, ts, http.MethodPut, "/_akmock/data",
		`{"pagination":{},"results":[{"pk":"33333333-3333-4333-8333-333333333333","name":"only"}]}`)
	assert.Equal(t, http.StatusOK, status, body)
	assert.Equal(t, `{"stages":1,"ignored":[],"ignored_count":0}`, body)
	assert.Equal(t, []string{"only"}, names(t, ts))

	// A bad fixture changes nothing and says where it is wrong.
	for _, tc := range []struct{ name, body, detail string }{
		{"duplicate name", `[{"pk":"33333333-3333-4333-8333-333333333333","name":"x"},{"pk":"44444444-4444-4444-8444-444444444444","name":"x"}]`,
			`akmock: fixture request body: stage #1: field \"name\": \"x\" is stage #0's name too (stage names are unique)`},
		{"bad choice", `[{"pk":"33333333-3333-4333-8333-333333333333","name":"x","network_binding":"nope"}]`,
			`akmock: fixture request body: stage #0: field \"network_binding\": \"nope\" is not one of no_binding, bind_asn, bind_asn_network, bind_asn_network_ip`},
		{"not JSON", `[`, `akmock: fixture request body: not valid JSON: it ends inside its value (unexpected EOF)`},
		{"bad slug", `[{"pk":"33333333-3333-4333-8333-333333333333","name":"x","flow_set":[{"pk":"55555555-5555-4555-8555-555555555555","name":"f","slug":"no spaces","title":"t","designation":"recovery"}]}]`,
			`akmock: fixture request body: stage #0: flow_set #0: field \"slug\": \"no spaces\" is not a slug`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			status, body := do(t, ts, http.MethodPut, "/_akmock/data", tc.body)
			assert.Equal(t, http.StatusBadRequest, status)
			assert.Contains(t, body, tc.detail)
			assert.Equal(t, []string{"only"}, names(t, ts))
		})
	}
}

// TestEmptyBackgroundIsTheDefault: a flow without a background file shows authentik's default
// image (FlowSetSerializer.get_background), whichever way the data came in: a fixture file
// (--fixtures: fixtures.Load, then Config.Stages), PUT /_akmock/data, or ReplaceStages.
func TestEmptyBackgroundIsTheDefault(t *testing.T) {
	const fixture = `[{"pk":"11111111-1111-4111-8111-111111111111","name":"s1","flow_set":[
		{"pk":"22222222-2222-4222-8222-222222222222","name":"F","slug":"f","title":"T","designation":"authentication","background":""}]}]`
	const want = `"background":"/static/dist/assets/images/flow_background.jpg"`
	stageURL := stagesURL + "11111111-1111-4111-8111-111111111111/"
	loaded, err := fixtures.Load("fixture", []byte(fixture))
	require.NoError(t, err)
	for _, tc := range []struct {
		name string
		load func(ts *mockserver.TestServer)
	}{
		{"Config.Stages", nil},
		{"PUT /_akmock/data", func(ts *mockserver.TestServer) {
			status, body := do(t, ts, http.MethodPut, "/_akmock/data", fixture)
			require.Equal(t, http.StatusOK, status, body)
		}},
		{"ReplaceStages", func(ts *mockserver.TestServer) { ts.ReplaceStages(loaded) }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cfg := mockserver.Config{Stages: loaded}
			if tc.load != nil {
				cfg = mockserver.Config{Stages: twoStages()}
			}
			ts := mockserver.NewTestServer(t, cfg)
			if tc.load != nil {
				tc.load(ts)
			}
			status, body := do(t, ts, http.MethodGet, stageURL, "")
			require.Equal(t, http.StatusOK, status, body)
			assert.Contains(t, body, want)
			status, body = do(t, ts, http.MethodGet, "/_akmock/data", "")
			require.Equal(t, http.StatusOK, status, body)
			assert.Contains(t, body, want, "the export shows what the API shows")
		})
	}
}

// TestFlowSetKeepsTheBindingsOrder: authentik leaves a stage's flow_set order to PostgreSQL;
// akmock keeps the bindings' order, the fixture's, through every answer that shows the stage
// (authentik-facts.md). The flows here are out of pk, name and slug order.
func TestFlowSetKeepsTheBindingsOrder(t *testing.T) {
	const stage = "11111111-1111-4111-8111-111111111111"
	ts := mockserver.NewTestServer(t, mockserver.Config{Stages: twoStages()})
	status, body := do(t, ts, http.MethodPut, "/_akmock/data", `[{"pk":"`+stage+`","name":"s","flow_set":[
		{"pk":"cccccccc-cccc-4ccc-8ccc-cccccccccccc","name":"c","slug":"c","title":"c","designation":"recovery"},
		{"pk":"aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa","name":"a","slug":"a","title":"a","designation":"recovery"},
		{"pk":"bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb","name":"b","slug":"b","title":"b","designation":"recovery"}]}]`)
	require.Equal(t, http.StatusOK, status, body)
	flowPKs := func(body string) []string {
		var st struct {
			FlowSet []struct{ PK string } `json:"flow_set"`
		}
		require.NoError(t, json.Unmarshal([]byte(body), &st), body)
		var pks []string
		for _, f := range st.FlowSet {
			pks = append(pks, f.PK[:1])
		}
		return pks
	}
	want := []string{"c", "a", "b"}
	status, body = do(t, ts, http.MethodGet, stagesURL+stage+"/", "")
	require.Equal(t, http.StatusOK, status, body)
	assert.Equal(t, want, flowPKs(body), "retrieve")
	status, body = do(t, ts, http.MethodPatch, stagesURL+stage+"/", `{"session_duration":"hours=3"}`)
	require.Equal(t, http.StatusOK, status, body)
	assert.Equal(t, want, flowPKs(body), "the PATCH's answer")
	status, body = do(t, ts, http.MethodGet, stagesURL+"?ordering=-session_duration", "")
	require.Equal(t, http.StatusOK, status, body)
	var page struct{ Results []json.RawMessage }
	require.NoError(t, json.Unmarshal([]byte(body), &page))
	require.NotEmpty(t, page.Results)
	assert.Equal(t, want, flowPKs(string(page.Results[0])), "the list, after the PATCH")
}

// TestControlReplaceNamesIgnoredKeys: keys that are no field of a stage or flow are ignored, as
// --fixtures ignores them, and the answer names them (the first ten, in the body's order) and
// counts them all, so that a misspelt field does not take its default unseen.
func TestControlReplaceNamesIgnoredKeys(t *testing.T) {
	ts := mockserver.NewTestServer(t, mockserver.Config{Stages: twoStages()})
	status, body := do(t, ts, http.MethodPut, "/_akmock/data", `[
		{"pk":"33333333-3333-4333-8333-333333333333","name":"a","sesion_duration":"hours=2","flow_set":[
			{"pk":"55555555-5555-4555-8555-555555555555","name":"f","slug":"f","title":"t","designation":"recovery","titel":"x"}]},
		{"pk":"44444444-4444-4444-8444-444444444444","name":"b","zeta":1,"alpha":2}]`)
	require.Equal(t, http.StatusOK, status, body)
	assert.JSONEq(t, `{"stages":2,"ignored_count":4,"ignored":[
		"stage #0: \"sesion_duration\"", "stage #0: flow_set #0: \"titel\"", "stage #1: \"alpha\"", "stage #1: \"zeta\""]}`, body)
	assert.Equal(t, []string{"a", "b"}, names(t, ts))
	assert.Equal(t, "seconds=0", ts.Store().Current().Stages()[0].SessionDuration, "the misspelt field's default")

	var many []string
	for i := range 12 {
		many = append(many, fmt.Sprintf(`{"pk":"33333333-3333-4333-8333-%012d","name":"s%d","extra":true}`, i, i))
	}
	status, body = do(t, ts, http.MethodPut, "/_akmock/data", "["+strings.Join(many, ",")+"]")
	require.Equal(t, http.StatusOK, status, body)
	var answer struct {
		Stages       int
		Ignored      []string
		IgnoredCount int `json:"ignored_count"`
	}
	require.NoError(t, json.Unmarshal([]byte(body), &answer))
	assert.Equal(t, 12, answer.Stages)
	assert.Equal(t, 12, answer.IgnoredCount)
	require.Len(t, answer.Ignored, 10)
	assert.Equal(t, `stage #9: "extra"`, answer.Ignored[9])
}

// TestControlExportRoundTrips: the export, made of the stored stages' bytes, is the fixture file
// of the current stages, byte for byte as fixtures.AppendFixture writes it, written stages
// included, and loads back to the same stages.
func TestControlExportRoundTrips(t *testing.T) {
	ts := mockserver.NewTestServer(t, mockserver.Config{Seed: 3, Count: 40})
	status, body := do(t, ts, http.MethodPost, "/api/v3/stages/user_login/", `{"name":"written","session_duration":"hours=2"}`)
	require.Equal(t, http.StatusCreated, status, body)
	first := ts.Store().Current().Stages()[0].PK
	status, body = do(t, ts, http.MethodPatch, "/api/v3/stages/user_login/"+first+"/", `{"geoip_binding":"bind_continent"}`)
	require.Equal(t, http.StatusOK, status, body)

	status, exported := do(t, ts, http.MethodGet, "/_akmock/data", "")
	require.Equal(t, http.StatusOK, status)
	assert.Equal(t, string(fixtures.AppendFixture(nil, ts.Store().Current().Stages())), exported)
	stages, err := fixtures.Load("export", []byte(exported))
	require.NoError(t, err)
	assert.Equal(t, ts.Store().Current().Stages(), stages)

	ts.ReplaceStages(nil)
	status, exported = do(t, ts, http.MethodGet, "/_akmock/data", "")
	require.Equal(t, http.StatusOK, status)
	assert.Equal(t, "[\n]\n", exported)
}

func TestControlNeedsTheToken(t *testing.T) {
	ts := mockserver.NewTestServer(t, mockserver.Config{Stages: twoStages()})
	for _, path := range []string{"/_akmock/reset", "/_akmock/data", "/_akmock/requests", "/_akmock/faults", "/_akmock/faults/1"} {
		req, err := http.NewRequest(http.MethodGet, ts.URL+path, nil)
		require.NoError(t, err)
		req.Header.Set("Authorization", "Bearer wrong")
		resp, err := http.DefaultClient.Do(req)
		require.NoError(t, err)
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		assert.Equal(t, http.StatusForbidden, resp.StatusCode, path)
		assert.Equal(t, `{"detail":"akmock: the control API needs \"Authorization: Bearer <token>\" with akmock's token"}`, string(body))
	}
	status, body := do(t, ts, http.MethodDelete, "/_akmock/reset", "")
	assert.Equal(t, http.StatusMethodNotAllowed, status)
	assert.Equal(t, `{"detail":"Method \"DELETE\" not allowed."}`, body)
}

func TestControlJournal(t *testing.T) {
	ts := mockserver.NewTestServer(t, mockserver.Config{Stages: twoStages()})
	do(t, ts, http.MethodGet, stagesURL+"?search=al", "")
	do(t, ts, http.MethodPost, stagesURL, `{"name":""}`)
	do(t, ts, http.MethodGet, "/nowhere/", "")

	var j struct {
		Requests []struct {
			Seq     int               `json:"seq"`
			Method  string            `json:"method"`
			Path    string            `json:"path"`
			Query   string            `json:"query"`
			Headers map[string]string `json:"headers"`
			Body    string            `json:"body"`
			Status  int               `json:"status"`
		} `json:"requests"`
		Dropped int `json:"dropped"`
	}
	status, body := do(t, ts, http.MethodGet, "/_akmock/requests", "")
	require.Equal(t, http.StatusOK, status, body)
	require.NoError(t, json.Unmarshal([]byte(body), &j))
	require.Len(t, j.Requests, 3, "control requests are not journaled")
	assert.Equal(t, "GET", j.Requests[0].Method)
	assert.Equal(t, "search=al", j.Requests[0].Query)
	assert.Equal(t, "Bearer [redacted]", j.Requests[0].Headers["Authorization"])
	assert.Equal(t, `{"name":""}`, j.Requests[1].Body)
	assert.Equal(t, http.StatusBadRequest, j.Requests[1].Status)
	assert.Equal(t, "/nowhere/", j.Requests[2].Path)
	assert.Equal(t, http.StatusNotFound, j.Requests[2].Status)
	assert.NotContains(t, body, ts.Token)

	for _, bad := range []string{"abc", "0", "99", "600", "99999999999999999999"} {
		status, body := do(t, ts, http.MethodGet, "/_akmock/requests?status="+bad, "")
		assert.Equal(t, http.StatusBadRequest, status, bad)
		assert.Equal(t, `{"detail":"akmock: status must be an HTTP status code"}`, body, bad)
	}
	for _, bad := range []string{"path=api/v3/", "path_prefix=api", "path_prefix=%20/api"} {
		status, body := do(t, ts, http.MethodGet, "/_akmock/requests?"+bad, "")
		assert.Equal(t, http.StatusBadRequest, status, bad)
		name, _, _ := strings.Cut(bad, "=")
		assert.Equal(t, `{"detail":"akmock: `+name+` must start with /"}`, body, bad)
	}
	status, body = do(t, ts, http.MethodGet, "/_akmock/requests?path_prefix=/nowhere", "")
	require.Equal(t, http.StatusOK, status)
	require.NoError(t, json.Unmarshal([]byte(body), &j))
	require.Len(t, j.Requests, 1)
	assert.Equal(t, "/nowhere/", j.Requests[0].Path)
	status, body = do(t, ts, http.MethodGet, "/_akmock/requests?method=post&status=400", "")
	require.Equal(t, http.StatusOK, status)
	require.NoError(t, json.Unmarshal([]byte(body), &j))
	require.Len(t, j.Requests, 1)
	assert.Equal(t, 2, j.Requests[0].Seq)
	// 100, the lowest status code, is a filter too (no request here was answered 100).
	status, body = do(t, ts, http.MethodGet, "/_akmock/requests?status=100", "")
	assert.Equal(t, http.StatusOK, status)
	assert.Equal(t, `{"requests":[],"dropped":0}`, body)

	status, body = do(t, ts, http.MethodDelete, "/_akmock/requests", "")
	assert.Equal(t, http.StatusOK, status)
	assert.Equal(t, `{"requests":[],"dropped":0}`, body)
}

// TestJournalBodyBytes: a body that is not UTF-8 (another charset, or binary) shows its bytes
// that are not as U+FFFD in "body", so the journal adds the exact bytes in "body_base64"; a
// UTF-8 body has no such key.
func TestJournalBodyBytes(t *testing.T) {
	ts := mockserver.NewTestServer(t, mockserver.Config{Stages: twoStages()})
	for _, body := range []string{"{\"name\":\"caf\xe9\"}", `{"name":"café"}`} {
		req, err := http.NewRequest(http.MethodPost, ts.URL+stagesURL, strings.NewReader(body))
		require.NoError(t, err)
		req.Header.Set("Authorization", "Bearer "+ts.Token)
		req.Header.Set("Content-Type", "application/json; charset=latin-1")
		resp, err := ts.Client().Do(req)
		require.NoError(t, err)
		resp.Body.Close()
	}
	status, body := do(t, ts, http.MethodGet, "/_akmock/requests", "")
	require.Equal(t, http.StatusOK, status, body)
	var j struct {
		Requests []map[string]any `json:"requests"`
	}
	require.NoError(t, json.Unmarshal([]byte(body), &j))
	require.Len(t, j.Requests, 2)
	assert.Equal(t, "{\"name\":\"caf\ufffd\"}", j.Requests[0]["body"])
	assert.Equal(t, base64.StdEncoding.EncodeToString([]byte("{\"name\":\"caf\xe9\"}")), j.Requests[0]["body_base64"])
	assert.Equal(t, `{"name":"café"}`, j.Requests[1]["body"])
	assert.NotContains(t, j.Requests[1], "body_base64")
}

// TestJournalBodyTruncated: GET /_akmock/requests says "body_truncated":true of a body over the
// 64 KiB the journal keeps (this one is 70,011 bytes), and false of one within them.
func TestJournalBodyTruncated(t *testing.T) {
	ts := mockserver.NewTestServer(t, mockserver.Config{Stages: twoStages()})
	do(t, ts, http.MethodPost, stagesURL, `{"name":"short"}`)
	do(t, ts, http.MethodPost, stagesURL, `{"name":"`+strings.Repeat("x", 70_000)+`"}`)
	status, body := do(t, ts, http.MethodGet, "/_akmock/requests", "")
	require.Equal(t, http.StatusOK, status)
	var j struct {
		Requests []struct {
			Body          string `json:"body"`
			BodyTruncated bool   `json:"body_truncated"`
		} `json:"requests"`
	}
	require.NoError(t, json.Unmarshal([]byte(body), &j))
	require.Len(t, j.Requests, 2)
	assert.Equal(t, `{"name":"short"}`, j.Requests[0].Body)
	assert.False(t, j.Requests[0].BodyTruncated)
	assert.Len(t, j.Requests[1].Body, 64<<10, "the first 64 KiB")
	assert.True(t, j.Requests[1].BodyTruncated)
}

// TestFaultRulesCombine: every rule that applies to a request adds its latency and uses one of
// its requests; the first that forces a status decides the answer, and rules after it are not
// used. OPTIONS, and a method the route does not serve, are none of the operations, so no rule
// applies to them.
func TestFaultRulesCombine(t *testing.T) {
	ts := mockserver.NewTestServer(t, mockserver.Config{Stages: twoStages()})
	for _, rule := range []string{
		`{"operation":"*","latency_ms":40}`,
		`{"operation":"stages_user_login_list","status":503,"count":1}`,
		`{"operation":"stages_user_login_list","status":429,"count":1}`,
	} {
		status, body := do(t, ts, http.MethodPost, "/_akmock/faults", rule)
		require.Equal(t, http.StatusOK, status, body)
	}
	status, _ := do(t, ts, http.MethodOptions, stagesURL, "")
	assert.Equal(t, http.StatusOK, status, "OPTIONS")
	status, _ = do(t, ts, http.MethodPut, stagesURL, "{}")
	assert.Equal(t, http.StatusMethodNotAllowed, status, "PUT on the list route")

	for _, want := range []int{http.StatusServiceUnavailable, http.StatusTooManyRequests, http.StatusOK} {
		start := time.Now()
		status, _ := do(t, ts, http.MethodGet, stagesURL, "")
		assert.Equal(t, want, status)
		assert.GreaterOrEqual(t, time.Since(start), 40*time.Millisecond, "the latency rule applies with the status rules")
	}
	status, body := do(t, ts, http.MethodGet, "/_akmock/faults", "")
	require.Equal(t, http.StatusOK, status)
	assert.Equal(t, `{"faults":[{"id":1,"operation":"*","latency_ms":40,"status":null,"remaining":null,"fraction":1.0,"seed":1}]}`, body,
		"each status rule used one request, one after the other")
}

// TestInjectedStatuses: each status a fault can force is answered with DRF's default detail of
// the exception it stands for (a 400 in authentik's ValidationError shape), or authentik's error
// page for 500; every JSON answer passes its schema (the test server fails on a violation).
func TestInjectedStatuses(t *testing.T) {
	ts := mockserver.NewTestServer(t, mockserver.Config{Stages: twoStages()})
	for _, tc := range []struct {
		status int
		body   string
	}{
		{http.StatusBadRequest, `{"non_field_errors":["Invalid input."]}`},
		{http.StatusForbidden, `{"detail":"You do not have permission to perform this action."}`},
		{http.StatusNotFound, `{"detail":"Not found."}`},
		{http.StatusTooManyRequests, `{"detail":"Request was throttled."}`},
		{http.StatusServiceUnavailable, `{"detail":"Service temporarily unavailable, try again later."}`},
	} {
		status, body := do(t, ts, http.MethodPost, "/_akmock/faults", `{"operation":"stages_user_login_retrieve","status":`+strconv.Itoa(tc.status)+`,"count":1}`)
		require.Equal(t, http.StatusOK, status, body)
		status, body = do(t, ts, http.MethodGet, stagesURL+"11111111-1111-4111-8111-111111111111/", "")
		assert.Equal(t, tc.status, status)
		assert.Equal(t, tc.body, body, "injected %d", tc.status)
	}
	status, body := do(t, ts, http.MethodPost, "/_akmock/faults", `{"operation":"stages_user_login_retrieve","status":500,"count":1}`)
	require.Equal(t, http.StatusOK, status, body)
	status, body = do(t, ts, http.MethodGet, stagesURL+"11111111-1111-4111-8111-111111111111/", "")
	assert.Equal(t, http.StatusInternalServerError, status)
	assert.Contains(t, body, "<title>Server Error</title>")
}

func TestControlFaults(t *testing.T) {
	ts := mockserver.NewTestServer(t, mockserver.Config{Stages: twoStages()})
	status, body := do(t, ts, http.MethodPost, "/_akmock/faults", `{"operation":"stages_user_login_list","status":503,"count":2}`)
	require.Equal(t, http.StatusOK, status, body)
	assert.Equal(t, `{"faults":[{"id":1,"operation":"stages_user_login_list","latency_ms":0,"status":503,"remaining":2,"fraction":1.0,"seed":1}]}`, body)

	for i := 0; i < 2; i++ {
		status, body = do(t, ts, http.MethodGet, stagesURL, "")
		assert.Equal(t, http.StatusServiceUnavailable, status)
		assert.Equal(t, `{"detail":"Service temporarily unavailable, try again later."}`, body)
	}
	status, _ = do(t, ts, http.MethodGet, stagesURL, "")
	assert.Equal(t, http.StatusOK, status, "the rule is used up")
	status, _ = do(t, ts, http.MethodGet, stagesURL+"11111111-1111-4111-8111-111111111111/", "")
	assert.Equal(t, http.StatusOK, status)

	// Latency on every operation, and a forced 500: authentik's error page, a 405 for writes.
	status, body = do(t, ts, http.MethodPost, "/_akmock/faults", `{"operation":"*","latency_ms":30,"status":500}`)
	require.Equal(t, http.StatusOK, status, body)
	start := time.Now()
	status, _ = do(t, ts, http.MethodGet, stagesURL, "")
	assert.Equal(t, http.StatusInternalServerError, status)
	assert.GreaterOrEqual(t, time.Since(start), 30*time.Millisecond)
	status, body = do(t, ts, http.MethodPost, stagesURL, `{"name":"x"}`)
	assert.Equal(t, http.StatusMethodNotAllowed, status)
	assert.Equal(t, "", body)
	assert.Equal(t, []string{"alpha", "beta"}, names(t, ts), "a failed write changes nothing")

	status, body = do(t, ts, http.MethodDelete, "/_akmock/faults", "")
	assert.Equal(t, http.StatusOK, status)
	assert.Equal(t, `{"faults":[]}`, body)
	status, _ = do(t, ts, http.MethodGet, stagesURL, "")
	assert.Equal(t, http.StatusOK, status)

	for _, tc := range []struct{ body, detail string }{
		{`{"operation":"nope","status":500}`, `akmock: \"nope\" is not an operation of the user login stage API (stages_user_login_create, stages_user_login_destroy, stages_user_login_list, stages_user_login_partial_update, stages_user_login_retrieve, stages_user_login_update, stages_user_login_used_by_list, or \"*\" for all)`},
		{`{"operation":"*","status":0,"latency_ms":10}`, `akmock: status 0 cannot be injected (use 400, 403, 404, 429, 500 or 503)`},
		{`{"OPERATION":"*","status":500}`, `: unknown field \"OPERATION\""`},
		{`{"operation":"*","Status":500}`, `: unknown field \"Status\""`},
		{`{"operation":"*","status":503,"status":400}`, `: \"status\" is given twice"`},
		{`{"operation":"*","status":503,"count":1,"count":2}`, `: \"count\" is given twice"`},
		{`{"operation":"*","status":418}`, `akmock: status 418 cannot be injected (use 400, 403, 404, 429, 500 or 503)`},
		{`{"operation":"*"}`, `akmock: a fault needs a status, a latency, or both`},
		{`{"operation":"*","status":500,"count":0}`, `akmock: \"count\" must be at least 1`},
		{`{"operation":"*","status":500,"fraction":1.5}`, `akmock: \"fraction\" must be between 0 and 1`},
		{`{"operation":"*","status":500,"bogus":1}`, `: unknown field \"bogus\"`},
		{`[]`, `: the body must be a JSON object"`},
		{``, `: the body is not valid JSON"`},
		{`{"operation":"*",`, `: the body is not valid JSON"`},
		{`{"operation":*}`, `: the body is not valid JSON"`}, // a syntax error, not only a cut body
		{`{"operation":5}`, `: \"operation\" must be a string, not number"`},
		{`{"operation":"*","latency_ms":1e20}`, `: \"latency_ms\" must be an integer, not number 1e20"`},
		{`{"operation":"*","status":"500"}`, `: \"status\" must be an integer, not string"`},
		{`{"operation":"*","status":500,"count":1.5}`, `: \"count\" must be an integer, not number 1.5"`},
		{`{"operation":"*","status":500,"fraction":"half"}`, `: \"fraction\" must be a number, not string"`},
		{`{"operation":"*","status":500,"fraction":0.5,"seed":"x"}`, `: \"seed\" must be an integer, not string"`},
		{`{"operation":"*","status":500,"fraction":0.5,"seed":1.5}`, `: \"seed\" must be an integer, not number 1.5"`},
		{`{"operation":"*","status":500,"fraction":0.5,"seed":9223372036854775808}`, `: \"seed\" must be a 64-bit integer, not number 9223372036854775808"`},
		{`{"operation":"*","status":500,"count":-99999999999999999999}`, `: \"count\" must be a 64-bit integer, not number -99999999999999999999"`},
		{`{"operation":"*","status":500} {}`, `: content after the object"`},
		{`{"operation":"*","latency_ms":4611686018427387904,"status":503}`, `akmock: latency_ms must be between 0 and 50000"`},
		{`{"operation":"*","latency_ms":18446744073710}`, `akmock: latency_ms must be between 0 and 50000"`},
		{`{"operation":"*","latency_ms":-1}`, `akmock: latency_ms must be between 0 and 50000"`},
		{`{"operation":"*","status":500,"fraction":0}`, `akmock: \"fraction\" must be above 0"`},
	} {
		status, body := do(t, ts, http.MethodPost, "/_akmock/faults", tc.body)
		assert.Equal(t, http.StatusBadRequest, status, tc.body)
		assert.Contains(t, body, tc.detail, tc.body)
	}

	// A seed is listed as given (the default is 1).
	status, body = do(t, ts, http.MethodPost, "/_akmock/faults", `{"operation":"*","status":503,"fraction":0.5,"seed":-42}`)
	require.Equal(t, http.StatusOK, status, body)
	assert.Contains(t, body, `"fraction":0.5,"seed":-42}`)
	status, body = do(t, ts, http.MethodDelete, "/_akmock/faults", "")
	require.Equal(t, http.StatusOK, status, body)

	// A fraction of 1, the top of its range, is accepted: the rule applies to every request.
	status, body = do(t, ts, http.MethodPost, "/_akmock/faults", `{"operation":"*","status":503,"fraction":1}`)
	require.Equal(t, http.StatusOK, status, body)
	assert.Equal(t, `{"faults":[{"id":4,"operation":"*","latency_ms":0,"status":503,"remaining":null,"fraction":1.0,"seed":1}]}`, body)
	status, _ = do(t, ts, http.MethodGet, stagesURL, "")
	assert.Equal(t, http.StatusServiceUnavailable, status)
}

// TestJournalShowsAChunkedBody: a write whose body comes without a length (chunked, as Go
// clients send a streamed body) is answered as if it had none, since DRF reads no stream without
// CONTENT_LENGTH; the journal shows the body and its Transfer-Encoding, so the test that sent it
// can see why.
func TestJournalShowsAChunkedBody(t *testing.T) {
	ts := mockserver.NewTestServer(t, mockserver.Config{Stages: twoStages()})
	body, w := io.Pipe()
	go func() {
		fmt.Fprint(w, `{"name":"chunky"}`)
		w.Close()
	}()
	req, err := http.NewRequest(http.MethodPost, ts.URL+stagesURL, body)
	require.NoError(t, err)
	req.Header.Set("Content-Type", "application/json")
	resp, err := ts.Client().Do(req)
	require.NoError(t, err)
	answer, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	require.NoError(t, err)
	assert.Equal(t, http.StatusBadRequest, resp.StatusCode)
	assert.Equal(t, `{"name":["This field is required."]}`, string(answer))
	assert.Equal(t, []string{"alpha", "beta"}, names(t, ts), "nothing created")

	status, journal := do(t, ts, http.MethodGet, "/_akmock/requests?method=POST", "")
	require.Equal(t, http.StatusOK, status, journal)
	var j struct {
		Requests []struct {
			Headers map[string]string
			Body    string
		}
	}
	require.NoError(t, json.Unmarshal([]byte(journal), &j))
	require.Len(t, j.Requests, 1)
	assert.Equal(t, `{"name":"chunky"}`, j.Requests[0].Body)
	assert.Equal(t, "chunked", j.Requests[0].Headers["Transfer-Encoding"])
	assert.NotContains(t, j.Requests[0].Headers, "Content-Length")
	assert.Equal(t, "gzip", j.Requests[0].Headers["Accept-Encoding"], "Go's client asks for gzip unless told otherwise")

	// A body with a length shows no Transfer-Encoding.
	status, _ = do(t, ts, http.MethodPost, stagesURL, `{"name":"sized"}`)
	require.Equal(t, http.StatusCreated, status)
	_, journal = do(t, ts, http.MethodGet, "/_akmock/requests?method=POST", "")
	require.NoError(t, json.Unmarshal([]byte(journal), &j))
	require.Len(t, j.Requests, 2)
	assert.NotContains(t, j.Requests[1].Headers, "Transfer-Encoding")
	assert.Equal(t, "16", j.Requests[1].Headers["Content-Length"])
}

// TestJournalNeverShowsTheToken: of an Authorization value the journal shows a known scheme at
// most; a bare value, or a first word that is no scheme, may be the token itself.
func TestJournalNeverShowsTheToken(t *testing.T) {
	ts := mockserver.NewTestServer(t, mockserver.Config{Stages: twoStages()})
	for _, tc := range []struct{ sent, shown string }{
		{ts.Token, "[redacted]"},
		{"Bearer " + ts.Token, "Bearer [redacted]"},
		{"basic " + ts.Token, "basic [redacted]"},
		{ts.Token + " x", "[redacted]"},
		{"Token=" + ts.Token + " ;", "[redacted]"},
	} {
		status, _ := do(t, ts, http.MethodDelete, "/_akmock/requests", "")
		require.Equal(t, http.StatusOK, status)
		req, err := http.NewRequest(http.MethodGet, ts.URL+stagesURL, nil)
		require.NoError(t, err)
		req.Header.Set("Authorization", tc.sent)
		resp, err := http.DefaultClient.Do(req)
		require.NoError(t, err)
		resp.Body.Close()
		status, body := do(t, ts, http.MethodGet, "/_akmock/requests", "")
		require.Equal(t, http.StatusOK, status)
		assert.Contains(t, body, `"Authorization":"`+tc.shown+`"`, tc.sent)
		assert.NotContains(t, body, ts.Token, tc.sent)
	}
}

// TestControlNotFound: a path under /_akmock/ that is no control route is akmock's JSON 404 for
// any method (not authentik's page or empty 405), and it is not journaled.
func TestControlNotFound(t *testing.T) {
	ts := mockserver.NewTestServer(t, mockserver.Config{Stages: twoStages()})
	const want = `{"detail":"akmock: no control route here; there are /_akmock/reset, /_akmock/data, /_akmock/requests, /_akmock/faults, /_akmock/faults/{id}"}`
	for _, tc := range []struct{ method, path string }{
		{http.MethodGet, "/_akmock/nope"}, {http.MethodPost, "/_akmock/reset/"}, {http.MethodDelete, "/_akmock/"},
	} {
		status, body := do(t, ts, tc.method, tc.path, "")
		assert.Equal(t, http.StatusNotFound, status, tc.path)
		assert.Equal(t, want, body, tc.path)
	}
	status, body := do(t, ts, http.MethodGet, "/_akmock/requests", "")
	require.Equal(t, http.StatusOK, status)
	assert.Equal(t, `{"requests":[],"dropped":0}`, body)

	resp, err := http.Get(ts.URL + "/_akmock/nope")
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, http.StatusForbidden, resp.StatusCode, "behind the token like every control route")
}

// TestJournalOrder: requests are listed in the order they arrived, with the time they arrived,
// even when an earlier one finishes later; clearing forgets the requests still in flight too.
func TestJournalOrder(t *testing.T) {
	ts := mockserver.NewTestServer(t, mockserver.Config{Stages: twoStages()})
	// hold adds a latency that applies to one list request, sends one, and returns once the
	// server has it (the rule is used up then).
	slow := make(chan int, 1)
	hold := func(latency, query string) {
		status, body := do(t, ts, http.MethodPost, "/_akmock/faults", `{"operation":"stages_user_login_list","latency_ms":`+latency+`,"count":1}`)
		require.Equal(t, http.StatusOK, status, body)
		go func() {
			status, _ := doConcurrently(t, ts, http.MethodGet, stagesURL+"?"+query, "")
			slow <- status
		}()
		require.Eventually(t, func() bool {
			status, body := doConcurrently(t, ts, http.MethodGet, "/_akmock/faults", "")
			return status == http.StatusOK && body == `{"faults":[]}`
		}, 10*time.Second, 5*time.Millisecond)
	}

	hold("300", "sent=first")
	status, body := do(t, ts, http.MethodGet, stagesURL+"11111111-1111-4111-8111-111111111111/?sent=second", "")
	require.Equal(t, http.StatusOK, status, body)
	require.Equal(t, http.StatusOK, <-slow)

	var j struct {
		Requests []struct {
			Seq   int64     `json:"seq"`
			Time  time.Time `json:"time"`
			Query string    `json:"query"`
		} `json:"requests"`
	}
	status, body = do(t, ts, http.MethodGet, "/_akmock/requests", "")
	require.Equal(t, http.StatusOK, status)
	require.NoError(t, json.Unmarshal([]byte(body), &j))
	require.Len(t, j.Requests, 2)
	assert.Equal(t, "sent=first", j.Requests[0].Query)
	assert.Equal(t, "sent=second", j.Requests[1].Query)
	assert.Less(t, j.Requests[0].Seq, j.Requests[1].Seq)
	assert.True(t, j.Requests[0].Time.Before(j.Requests[1].Time), "the time a request arrived")

	hold("2000", "sent=third") // still held when the journal is cleared
	status, _ = do(t, ts, http.MethodDelete, "/_akmock/requests", "")
	require.Equal(t, http.StatusOK, status)
	require.Equal(t, http.StatusOK, <-slow)
	status, body = do(t, ts, http.MethodGet, "/_akmock/requests", "")
	require.Equal(t, http.StatusOK, status)
	assert.Equal(t, `{"requests":[],"dropped":0}`, body, "a request that arrived before the clear")
}

// TestReplaceStages: the Go way to set data up in a test. Stages declared by the fields a test
// cares about get authentik's defaults and are served (the test server fails on any schema
// violation); stages a fixture could not hold are refused and change nothing.
func TestReplaceStages(t *testing.T) {
	ts := mockserver.NewTestServer(t, mockserver.Config{Stages: twoStages()})
	ts.ReplaceStages([]fixtures.UserLoginStage{{PK: "33333333-3333-4333-8333-333333333333", Name: "only"}})
	status, body := do(t, ts, http.MethodGet, stagesURL, "")
	require.Equal(t, http.StatusOK, status, body)
	assert.Contains(t, body, `"name":"only"`)
	assert.Contains(t, body, `"network_binding":"no_binding"`)

	err := ts.Server().ReplaceStages([]fixtures.UserLoginStage{{PK: "NOT-A-UUID", Name: "x"}})
	require.Error(t, err)
	assert.Equal(t, `fixture ReplaceStages: stage #0: field "pk": "NOT-A-UUID" is not a UUID`, err.Error())
	err = ts.Server().ReplaceStages([]fixtures.UserLoginStage{{Name: "no pk"}})
	require.Error(t, err)
	assert.Equal(t, `fixture ReplaceStages: stage #0: field "pk": is required (a lower-case hyphenated UUID)`, err.Error())
	assert.Equal(t, []string{"only"}, names(t, ts), "a refused replacement changes nothing")
}

// TestControlMethods: every control answer names the route's methods in an Allow header, a 405
// included; HEAD answers as GET without the body.
func TestControlMethods(t *testing.T) {
	ts := mockserver.NewTestServer(t, mockserver.Config{Stages: twoStages()})
	for _, tc := range []struct {
		path, allow string
	}{
		{"/_akmock/reset", "POST"},
		{"/_akmock/data", "GET, HEAD, PUT"},
		{"/_akmock/requests", "GET, HEAD, DELETE"},
		{"/_akmock/faults", "GET, HEAD, POST, DELETE"},
		{"/_akmock/faults/1", "DELETE"},
	} {
		for _, method := range []string{http.MethodGet, http.MethodHead, http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete, http.MethodOptions} {
			req, err := http.NewRequest(method, ts.URL+tc.path, nil)
			require.NoError(t, err)
			resp, err := ts.Client().Do(req)
			require.NoError(t, err)
			body, err := io.ReadAll(resp.Body)
			resp.Body.Close()
			require.NoError(t, err)
			assert.Equal(t, tc.allow, resp.Header.Get("Allow"), "%s %s", method, tc.path)
			allowed := slices.Contains(strings.Split(tc.allow, ", "), method)
			if !allowed {
				assert.Equal(t, http.StatusMethodNotAllowed, resp.StatusCode, "%s %s", method, tc.path)
				if method != http.MethodHead {
					assert.Equal(t, `{"detail":"Method \"`+method+`\" not allowed."}`, string(body))
				}
				continue
			}
			assert.NotEqual(t, http.StatusMethodNotAllowed, resp.StatusCode, "%s %s", method, tc.path)
			if method == http.MethodHead {
				assert.Empty(t, body)
				get, getBody := do(t, ts, http.MethodGet, tc.path, "")
				assert.Equal(t, get, resp.StatusCode)
				assert.Equal(t, strconv.Itoa(len(getBody)), resp.Header.Get("Content-Length"), "HEAD %s", tc.path)
			}
		}
	}
}

// TestControlRefusesUnreadParameters: a control request with a query parameter its action does
// not read, one given twice, or a malformed query string is refused and changes nothing: a
// filter on a clear must not clear everything, a misspelt journal filter must not list
// everything.
func TestControlRefusesUnreadParameters(t *testing.T) {
	ts := mockserver.NewTestServer(t, mockserver.Config{Stages: twoStages()})
	status, body := do(t, ts, http.MethodPost, "/_akmock/faults", `{"operation":"*","latency_ms":1}`)
	require.Equal(t, http.StatusOK, status, body)
	status, body = do(t, ts, http.MethodGet, "/api/v3/stages/user_login/", "")
	require.Equal(t, http.StatusOK, status, body)
	status, body = do(t, ts, http.MethodPost, "/api/v3/stages/user_login/", `{"name":"written"}`)
	require.Equal(t, http.StatusCreated, status, body)
	status, faultsBefore := do(t, ts, http.MethodGet, "/_akmock/faults", "")
	require.Equal(t, http.StatusOK, status)
	status, journalBefore := do(t, ts, http.MethodGet, "/_akmock/requests", "")
	require.Equal(t, http.StatusOK, status)
	status, dataBefore := do(t, ts, http.MethodGet, "/_akmock/data", "")
	require.Equal(t, http.StatusOK, status)

	for _, tt := range []struct {
		method, target, want string
	}{
		{http.MethodGet, "/_akmock/requests?stauts=400", `akmock: GET /_akmock/requests takes no parameter \"stauts\"; it takes method, path, path_prefix, status`},
		{http.MethodGet, "/_akmock/requests?method=GET&method=POST", `akmock: \"method\" is given 2 times; GET /_akmock/requests takes one value of each parameter`},
		{http.MethodHead, "/_akmock/requests?x=1", ``},
		{http.MethodGet, "/_akmock/requests?method=%zz", `akmock: the query string is malformed: invalid URL escape \"%zz\"`},
		{http.MethodDelete, "/_akmock/requests?method=POST", `akmock: DELETE /_akmock/requests takes no query parameters (\"method\" given)`},
		{http.MethodDelete, "/_akmock/faults?id=1", `akmock: DELETE /_akmock/faults takes no query parameters (\"id\" given)`},
		{http.MethodPost, "/_akmock/reset?seed=2", `akmock: POST /_akmock/reset takes no query parameters (\"seed\" given)`},
		{http.MethodGet, "/_akmock/data?page_size=1", `akmock: GET /_akmock/data takes no query parameters (\"page_size\" given)`},
	} {
		status, body := do(t, ts, tt.method, tt.target, "")
		assert.Equal(t, http.StatusBadRequest, status, "%s %s", tt.method, tt.target)
		if tt.method != http.MethodHead {
			assert.Equal(t, `{"detail":"`+tt.want+`"}`, body, "%s %s", tt.method, tt.target)
		}
	}
	status, faultsAfter := do(t, ts, http.MethodGet, "/_akmock/faults", "")
	require.Equal(t, http.StatusOK, status)
	assert.Equal(t, faultsBefore, faultsAfter)
	status, journalAfter := do(t, ts, http.MethodGet, "/_akmock/requests", "")
	require.Equal(t, http.StatusOK, status)
	assert.Equal(t, journalBefore, journalAfter)
	status, dataAfter := do(t, ts, http.MethodGet, "/_akmock/data", "")
	require.Equal(t, http.StatusOK, status)
	assert.Equal(t, dataBefore, dataAfter, "POST reset?seed=2 reset nothing")
}

// TestControlDeleteOneFault: DELETE /_akmock/faults/{id} removes that rule and keeps the others
// in force; an id that names no rule is a 404 that changes nothing.
func TestControlDeleteOneFault(t *testing.T) {
	ts := mockserver.NewTestServer(t, mockserver.Config{Stages: twoStages()})
	for _, rule := range []string{
		`{"operation":"stages_user_login_list","status":503}`,
		`{"operation":"stages_user_login_list","status":429}`,
	} {
		status, body := do(t, ts, http.MethodPost, "/_akmock/faults", rule)
		require.Equal(t, http.StatusOK, status, body)
	}
	status, _ := do(t, ts, http.MethodGet, stagesURL, "")
	require.Equal(t, http.StatusServiceUnavailable, status, "the first rule decides")

	status, body := do(t, ts, http.MethodDelete, "/_akmock/faults/1", "")
	require.Equal(t, http.StatusOK, status, body)
	assert.Equal(t, `{"faults":[{"id":2,"operation":"stages_user_login_list","latency_ms":0,"status":429,"remaining":null,"fraction":1.0,"seed":1}]}`, body)
	status, _ = do(t, ts, http.MethodGet, stagesURL, "")
	assert.Equal(t, http.StatusTooManyRequests, status, "the second rule is still in force")

	for _, id := range []string{"1", "3", "x", "-1", "99999999999999999999", "+2", "02"} {
		status, body := do(t, ts, http.MethodDelete, "/_akmock/faults/"+id, "")
		assert.Equal(t, http.StatusNotFound, status, id)
		assert.Equal(t, `{"detail":"akmock: no fault rule \"`+id+`\"; GET /_akmock/faults lists them"}`, body, id)
	}
	status, _ = do(t, ts, http.MethodGet, "/_akmock/faults/2", "")
	assert.Equal(t, http.StatusMethodNotAllowed, status)
	status, body = do(t, ts, http.MethodGet, "/_akmock/faults", "")
	require.Equal(t, http.StatusOK, status)
	assert.Contains(t, body, `"id":2`)
}

// TestTestServerClient: the test client sends the token unless the request has an Authorization
// header of its own, an empty one included, which authentik reads as none.
func TestTestServerClient(t *testing.T) {
	ts := mockserver.NewTestServer(t, mockserver.Config{Stages: twoStages()})
	for _, tc := range []struct {
		header []string
		status int
	}{
		{nil, http.StatusOK},
		{[]string{""}, http.StatusForbidden},
		{[]string{"Bearer wrong"}, http.StatusForbidden},
	} {
		req, err := http.NewRequest(http.MethodGet, ts.URL+stagesURL, nil)
		require.NoError(t, err)
		if tc.header != nil {
			req.Header["Authorization"] = tc.header
		}
		resp, err := ts.Client().Do(req)
		require.NoError(t, err)
		resp.Body.Close()
		assert.Equal(t, tc.status, resp.StatusCode, "Authorization %q", tc.header)
	}
}

// TestTestServerCloseCutsOffHeldRequests: closing a test server does not wait out an injected
// latency (up to 50 s) that holds a request.
func TestTestServerCloseCutsOffHeldRequests(t *testing.T) {
	ts := mockserver.NewTestServer(t, mockserver.Config{Stages: twoStages()})
	status, body := do(t, ts, http.MethodPost, "/_akmock/faults", `{"operation":"*","latency_ms":50000,"count":1}`)
	require.Equal(t, http.StatusOK, status, body)
	held := make(chan error, 1)
	go func() {
		resp, err := ts.Client().Get(ts.URL + stagesURL)
		if err == nil {
			resp.Body.Close()
		}
		held <- err
	}()
	require.Eventually(t, func() bool { // the rule is used up as the latency starts
		_, body := do(t, ts, http.MethodGet, "/_akmock/faults", "")
		return body == `{"faults":[]}`
	}, 10*time.Second, 10*time.Millisecond, "the request should be held")
	closed := make(chan struct{})
	go func() { ts.Close(); close(closed) }()
	select {
	case <-closed:
	case <-time.After(20 * time.Second):
		t.Fatal("Close waited for the injected latency")
	}
	assert.Error(t, <-held, "the held request is cut off")
	ts.Close() // twice is fine
}
