package mockserver_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"sort"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"akmock/mockserver"
)

// TestConcurrentWritesAndReads runs writers and readers at once over HTTP and then proves that
// the data is exactly what the acknowledged writes imply: no lost or duplicated create, every
// acknowledged update visible, every acknowledged delete gone; that each write is visible to the
// next request; that a name raced for by several writers is given to exactly one; and that
// every page a reader saw was consistent with its own count.
func TestConcurrentWritesAndReads(t *testing.T) {
	const writers, perWriter, readers = 4, 40, 4
	ts := mockserver.NewTestServer(t, mockserver.Config{Seed: 5, Count: 30})
	initial := map[string]string{} // name → session_duration
	for _, s := range ts.Store().Current().Stages() {
		initial[s.Name] = s.SessionDuration
	}

	type result struct {
		created map[string]string // name → pk of stages this writer created and kept
		updated map[string]string // name → session_duration it set last
		deleted []string
	}
	results := make([]result, writers)
	contested := make([]int, writers)
	done := make(chan struct{})
	var wg sync.WaitGroup
	for w := 0; w < writers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			r := result{created: map[string]string{}, updated: map[string]string{}}
			for k := 0; k < perWriter; k++ {
				name := fmt.Sprintf("w%d-stage-%d", w, k)
				status, body := doConcurrently(t, ts, http.MethodPost, stagesURL, fmt.Sprintf(`{"name":%q}`, name))
				if !assert.Equal(t, http.StatusCreated, status, body) {
					return
				}
				var created struct{ PK string }
				if !assert.NoError(t, json.Unmarshal([]byte(body), &created)) {
					return
				}
				r.created[name] = created.PK
				// Read your own write: the next request sees it.
				status, body = doConcurrently(t, ts, http.MethodGet, stagesURL+"?name="+url.QueryEscape(name), "")
				assert.Equal(t, http.StatusOK, status)
				assert.Contains(t, body, `"count":1,`, "created %s not listed", name)
				switch k % 4 {
				case 1:
					d := fmt.Sprintf("minutes=%d", k)
					status, body = doConcurrently(t, ts, http.MethodPatch, stagesURL+created.PK+"/", fmt.Sprintf(`{"session_duration":%q}`, d))
					if assert.Equal(t, http.StatusOK, status, body) {
						r.updated[name] = d
					}
				case 2:
					status, _ = doConcurrently(t, ts, http.MethodDelete, stagesURL+created.PK+"/", "")
					if assert.Equal(t, http.StatusNoContent, status) {
						delete(r.created, name)
						r.deleted = append(r.deleted, name)
					}
				}
				// Every writer races for the same name once per round.
				status, _ = doConcurrently(t, ts, http.MethodPost, stagesURL, fmt.Sprintf(`{"name":"contested-%d"}`, k))
				if status == http.StatusCreated {
					contested[w]++
				} else {
					assert.Equal(t, http.StatusBadRequest, status)
				}
			}
			results[w] = r
		}(w)
	}
	var rwg sync.WaitGroup
	for i := 0; i < readers; i++ {
		rwg.Add(1)
		go func(i int) {
			defer rwg.Done()
			for n := 0; ; n++ {
				select {
				case <-done:
					return
				default:
				}
				checkPage(t, ts, fmt.Sprintf("?page_size=7&page=%d&ordering=-name", n%5+1))
			}
		}(i)
	}
	wg.Wait()
	close(done)
	rwg.Wait()

	want := map[string]string{}
	for name, d := range initial {
		want[name] = d
	}
	totalContested := 0
	for w, r := range results {
		for name := range r.created {
			want[name] = "seconds=0"
			if d, ok := r.updated[name]; ok {
				want[name] = d
			}
		}
		totalContested += contested[w]
	}
	for k := 0; k < perWriter; k++ {
		want[fmt.Sprintf("contested-%d", k)] = "seconds=0"
	}
	assert.Equal(t, perWriter, totalContested, "each contested name is created exactly once")
	got := map[string]string{}
	for _, s := range ts.Store().Current().Stages() {
		got[s.Name] = s.SessionDuration
	}
	assert.Equal(t, want, got)
	status, body := do(t, ts, http.MethodGet, stagesURL+"?page_size=1", "")
	require.Equal(t, http.StatusOK, status)
	assert.Contains(t, body, fmt.Sprintf(`"count":%d,`, len(want)))
}

// checkPage fetches a list page and checks that it agrees with itself: as many results as its
// indexes say, no stage twice, names in the requested order. It runs in goroutines of its own,
// so it reports failures without stopping the test.
func checkPage(t *testing.T, ts *mockserver.TestServer, query string) {
	t.Helper()
	status, body := doConcurrently(t, ts, http.MethodGet, stagesURL+query, "")
	if status == http.StatusNotFound { // the page went away between two writes
		assert.Equal(t, `{"detail":"Invalid page."}`, body)
		return
	}
	if !assert.Equal(t, http.StatusOK, status, body) {
		return
	}
	var page struct {
		Pagination map[string]int              `json:"pagination"`
		Results    []struct{ PK, Name string } `json:"results"`
	}
	if !assert.NoError(t, json.Unmarshal([]byte(body), &page)) {
		return
	}
	start, end, count := page.Pagination["start_index"], page.Pagination["end_index"], page.Pagination["count"]
	assert.Equal(t, end-start+1, len(page.Results), "indexes and results disagree")
	assert.LessOrEqual(t, end, count)
	seen := map[string]bool{}
	names := make([]string, len(page.Results))
	for i, r := range page.Results {
		assert.False(t, seen[r.PK], "stage %s twice on one page", r.PK)
		seen[r.PK] = true
		names[i] = r.Name
	}
	assert.True(t, sort.SliceIsSorted(names, func(a, b int) bool { return names[a] > names[b] }), "page not in -name order")
}
