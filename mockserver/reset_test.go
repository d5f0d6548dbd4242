package mockserver_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"akmock/mockserver"
)

// span is when a request was sent and when its answer came back.
type span struct{ start, end time.Time }

// TestWritesDuringResetAndReplace creates stages from several clients while the data is reset
// and replaced through the control API, with readers checking every page, then proves the final
// data is what the acknowledged operations imply (linearizability): the last control operation's
// data, plus every create acknowledged before it, minus none that it must have wiped; a create
// that overlapped it may or may not survive, and nothing else exists.
func TestWritesDuringResetAndReplace(t *testing.T) {
	const writers, perWriter, controls = 3, 60, 12
	ts := mockserver.NewTestServer(t, mockserver.Config{Seed: 9, Count: 20})
	replacement := `[{"pk":"77777777-7777-4777-8777-777777777777","name":"replaced-1"},{"pk":"88888888-8888-4888-8888-888888888888","name":"replaced-2"}]`
	initial := map[string]bool{}
	for _, s := range ts.Store().Current().Stages() {
		initial[s.Name] = true
	}

	var mu sync.Mutex
	creates := map[string]span{} // acknowledged creates
	var lastControl span
	var lastReplaced bool

	var wg sync.WaitGroup
	for w := 0; w < writers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for k := 0; k < perWriter; k++ {
				name := fmt.Sprintf("writer%d-%d", w, k)
				start := time.Now()
				status, body := doConcurrently(t, ts, http.MethodPost, stagesURL, fmt.Sprintf(`{"name":%q}`, name))
				end := time.Now()
				if assert.Equal(t, http.StatusCreated, status, body) {
					mu.Lock()
					creates[name] = span{start, end}
					mu.Unlock()
				}
			}
		}(w)
	}
	stop := make(chan struct{})
	var readers sync.WaitGroup
	readers.Add(1)
	go func() {
		defer readers.Done()
		for i := 0; ; i++ {
			select {
			case <-stop:
				return
			default:
				checkPage(t, ts, fmt.Sprintf("?page_size=5&page=%d&ordering=-name", i%3+1))
			}
		}
	}()
	for i := 0; i < controls; i++ {
		time.Sleep(3 * time.Millisecond)
		replace := i%2 == 1
		start := time.Now()
		var status int
		var body string
		if replace {
			status, body = do(t, ts, http.MethodPut, "/_akmock/data", replacement)
		} else {
			status, body = do(t, ts, http.MethodPost, "/_akmock/reset", "")
		}
		require.Equal(t, http.StatusOK, status, body)
		lastControl, lastReplaced = span{start, time.Now()}, replace
	}
	wg.Wait()
	close(stop)
	readers.Wait()

	got := map[string]bool{}
	for _, s := range ts.Store().Current().Stages() {
		got[s.Name] = true
	}
	base := initial
	if lastReplaced {
		base = map[string]bool{"replaced-1": true, "replaced-2": true}
	}
	for name := range base {
		assert.True(t, got[name], "%s of the last control operation's data is missing", name)
	}
	for name, sp := range creates {
		switch {
		case sp.start.After(lastControl.end):
			assert.True(t, got[name], "%s was created after the last reset but is missing", name)
		case sp.end.Before(lastControl.start):
			assert.False(t, got[name], "%s was created before the last reset but survived it", name)
		}
	}
	for name := range got {
		_, created := creates[name]
		assert.True(t, base[name] || created, "%s exists but was neither loaded nor created", name)
	}
	status, body := do(t, ts, http.MethodGet, stagesURL+"?page_size=1", "")
	require.Equal(t, http.StatusOK, status)
	var page struct{ Pagination map[string]int }
	require.NoError(t, json.Unmarshal([]byte(body), &page))
	assert.Equal(t, len(got), page.Pagination["count"])
}
