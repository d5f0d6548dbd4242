package mockserver_test

import (
	"encoding/json"
	"io"
	"net/http"
	"runtime"
	"strings"
	"testing"
	"weak"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"akmock/mockserver"
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
