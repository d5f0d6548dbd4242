package mockserver_test

import (
	"compress/gzip"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"weak"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"akmock/fixtures"
	"akmock/fixtures/pyjson"
	"akmock/mockserver"
	"akmock/mockserver/store"
)

// TestListFollowsWrites repeats list requests around writes: a page served before a write must
// not be served again after it (pages are kept per data version).
func TestListFollowsWrites(t *testing.T) {
	ts := mockserver.NewTestServer(t, mockserver.Config{Seed: 4, Count: 5})
	client := ts.Client()
	list := func(query string) (count int, names []string) {
		t.Helper()
		resp, err := client.Get(ts.URL + "/api/v3/stages/user_login/" + query)
		require.NoError(t, err)
		defer resp.Body.Close()
		require.Equal(t, http.StatusOK, resp.StatusCode)
		var page struct {
			Pagination struct{ Count int } `json:"pagination"`
			Results    []struct{ Name string }
		}
		require.NoError(t, json.NewDecoder(resp.Body).Decode(&page))
		for _, r := range page.Results {
			names = append(names, r.Name)
		}
		return page.Pagination.Count, names
	}
	send := func(method, path, body string) {
		t.Helper()
		req, err := http.NewRequest(method, ts.URL+"/api/v3/stages/user_login/"+path, strings.NewReader(body))
		require.NoError(t, err)
		req.Header.Set("Content-Type", "application/json")
		resp, err := client.Do(req)
		require.NoError(t, err)
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		require.Less(t, resp.StatusCode, 300, "%s %s", method, path)
	}

	pk := ts.Store().Current().Stages()[0].PK
	for range 2 { // the second round is served from the kept pages
		count, names := list("")
		assert.Equal(t, 5, count)
		assert.NotContains(t, names, "renamed")
		count, _ = list("?search=renamed")
		assert.Equal(t, 0, count)
	}

	send(http.MethodPatch, pk+"/", `{"name":"renamed"}`)
	count, names := list("")
	assert.Equal(t, 5, count)
	assert.Contains(t, names, "renamed")
	count, _ = list("?search=renamed")
	assert.Equal(t, 1, count)

	send(http.MethodDelete, pk+"/", "")
	count, names = list("")
	assert.Equal(t, 4, count)
	assert.NotContains(t, names, "renamed")
	count, _ = list("?search=renamed")
	assert.Equal(t, 0, count)
}

// TestReplacedDataIsReleased checks that the pages kept for repeated list requests do not keep
// the data they were served from alive once it is replaced (100,000 stages are 200 MB).
func TestReplacedDataIsReleased(t *testing.T) {
	ts := mockserver.NewTestServer(t, mockserver.Config{Seed: 4, Count: 50})
	for range 2 {
		resp, err := ts.Client().Get(ts.URL + "/api/v3/stages/user_login/?page_size=20")
		require.NoError(t, err)
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		require.Equal(t, http.StatusOK, resp.StatusCode)
	}
	old := weak.Make(ts.Store().Current())
	ts.ReplaceStages(nil)
	runtime.GC()
	runtime.GC()
	assert.Nil(t, old.Value(), "the replaced version is still reachable")
}

// TestLongBodiesWrittenFromParts: a list page longer than a version keeps (page_size is not
// capped) and the export of as many stages are written from the stored stages as they are
// sent, never built whole. Their bytes must be those a built body would have: for the page, the
// rows of the smaller pages that cover it, in their order, under DRF's pagination object for
// one page, with the Content-Length, HEAD and indented forms every answer has (the indented one
// laid out as it is written, not built either); for the export, the fixture file
// fixtures.AppendFixture writes.
func TestLongBodiesWrittenFromParts(t *testing.T) {
	const count, part = 4000, 1000 // 4,000 stages are about 5 MB, over store.MaxPageBytes
	const list = "/api/v3/stages/user_login/?"
	ts := mockserver.NewTestServer(t, mockserver.Config{Seed: 7, Count: count})
	get := func(method, target, accept string) (*http.Response, []byte) {
		t.Helper()
		req, err := http.NewRequest(method, ts.URL+target, nil)
		require.NoError(t, err)
		if accept != "" {
			req.Header.Set("Accept", accept)
		}
		req.Header.Set("Accept-Encoding", "identity") // uncompressed, with its Content-Length
		resp, err := ts.Client().Do(req)
		require.NoError(t, err)
		defer resp.Body.Close()
		body, err := io.ReadAll(resp.Body)
		require.NoError(t, err)
		require.Equal(t, http.StatusOK, resp.StatusCode, "%s %s: %.300s", method, target, body)
		return resp, body
	}

	var rows []string
	for page := 1; page <= count/part; page++ {
		_, body := get(http.MethodGet, fmt.Sprintf("%spage_size=%d&page=%d", list, part, page), "")
		var p struct{ Results []json.RawMessage }
		require.NoError(t, json.Unmarshal(body, &p))
		for _, r := range p.Results {
			rows = append(rows, string(r))
		}
	}
	want := fmt.Sprintf(`{"pagination":{"next":0,"previous":0,"count":%d,"current":1,"total_pages":1,"start_index":1,"end_index":%d},"results":[%s]}`,
		count, count, strings.Join(rows, ","))
	require.Greater(t, len(want), store.MaxPageBytes, "the page must be too long to keep")
	whole := list + "page_size=4000"

	for range 2 { // not kept: the second answer is written from the parts again
		resp, body := get(http.MethodGet, whole, "")
		require.Equal(t, want, string(body))
		assert.Equal(t, strconv.Itoa(len(want)), resp.Header.Get("Content-Length"))
	}
	_, kept := ts.Store().Current().Page("page_size=4000")
	assert.False(t, kept, "a page too long to keep")
	_, body := get(http.MethodGet, list+"page_size=2500", "") // about 3 MB
	require.Less(t, len(body), store.MaxPageBytes)
	_, kept = ts.Store().Current().Page("page_size=2500")
	assert.True(t, kept, "every page short enough to keep is built, and kept")
	resp, body := get(http.MethodHead, whole, "")
	assert.Empty(t, body)
	assert.Equal(t, strconv.Itoa(len(want)), resp.Header.Get("Content-Length"), "HEAD")

	// Compressed for a client that accepts gzip, as it is written: sent chunked, no length.
	req, err := http.NewRequest(http.MethodGet, ts.URL+whole, nil)
	require.NoError(t, err)
	req.Header.Set("Authorization", "Bearer "+ts.Token)
	req.Header.Set("Accept-Encoding", "gzip")
	raw, err := (&http.Transport{DisableCompression: true}).RoundTrip(req)
	require.NoError(t, err)
	defer raw.Body.Close()
	assert.Equal(t, "gzip", raw.Header.Get("Content-Encoding"))
	assert.Equal(t, []string{"chunked"}, raw.TransferEncoding)
	assert.Equal(t, int64(-1), raw.ContentLength)
	zr, err := gzip.NewReader(raw.Body)
	require.NoError(t, err)
	body, err = io.ReadAll(zr)
	require.NoError(t, err)
	assert.Equal(t, want, string(body), "gzip")

	indented := pyjson.AppendIndented(nil, []byte(want))
	resp, body = get(http.MethodGet, whole, "application/json; text/html")
	assert.Equal(t, string(indented), string(body), "indented for text/html")
	assert.Equal(t, strconv.Itoa(len(indented)), resp.Header.Get("Content-Length"))

	export := fixtures.AppendFixture(nil, ts.Store().Current().Stages())
	resp, body = get(http.MethodGet, "/_akmock/data", "")
	assert.Equal(t, string(export), string(body), "export")
	assert.Equal(t, strconv.Itoa(len(export)), resp.Header.Get("Content-Length"), "export")

	// Served in process to a writer that keeps nothing, each costs far less memory than itself
	// (the test runs alone: no other test is allocating meanwhile).
	for _, tc := range []struct {
		target, accept string
		length         int
	}{{whole, "", len(want)}, {whole, "application/json; text/html", len(indented)}, {"/_akmock/data", "", len(export)}} {
		var before, after runtime.MemStats
		w := &discardWriter{header: http.Header{}}
		req := benchGet(tc.target)
		if tc.accept != "" {
			req.Header.Set("Accept", tc.accept)
		}
		runtime.ReadMemStats(&before)
		ts.Server().ServeHTTP(w, req)
		runtime.ReadMemStats(&after)
		require.Equal(t, tc.length, w.written, "%s %s", tc.target, tc.accept)
		assert.Less(t, after.TotalAlloc-before.TotalAlloc, uint64(tc.length/4), "bytes allocated to serve %s %s", tc.target, tc.accept)
	}
}

// discardWriter is an http.ResponseWriter that counts the body's bytes and keeps none.
type discardWriter struct {
	header  http.Header
	status  int
	written int
}

func (w *discardWriter) Header() http.Header { return w.header }

func (w *discardWriter) WriteHeader(status int) { w.status = status }

func (w *discardWriter) Write(b []byte) (int, error) {
	w.written += len(b)
	return len(b), nil
}
