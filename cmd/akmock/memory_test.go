package main

import (
	"bytes"
	"io"
	"net/http"
	"os"
	"runtime"
	"runtime/debug"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"akmock/fixtures"
)

func TestLimitFor(t *testing.T) {
	for _, tc := range []struct {
		live, unused uint64
		want         int64
	}{
		{0, 0, minMemoryLimit},
		{minMemoryLimit / 2, 0, minMemoryLimit},
		{minMemoryLimit/2 + 1, 0, minMemoryLimit + 2},
		{minMemoryLimit / 4, minMemoryLimit/2 + 1, minMemoryLimit + 1},
		{200 << 20, 80 << 20, 480 << 20},
	} {
		assert.Equal(t, tc.want, limitFor(tc.live, tc.unused), "live %d, unused %d", tc.live, tc.unused)
	}
}

func TestLimitFits(t *testing.T) {
	const mib = 1 << 20
	for _, tc := range []struct {
		name  string
		h     heap
		limit int64
		want  bool
	}{
		{"10,000 stages under load", heap{live: 19 * mib, goal: 30 * mib}, minMemoryLimit, true},
		{"little data", heap{live: 3 * mib, goal: 6 * mib}, minMemoryLimit, true},
		{"data grown past the limit: collections back to back", heap{live: 84 * mib, goal: 85 * mib}, minMemoryLimit, false},
		{"goal a quarter above the live heap", heap{live: 80 * mib, goal: 100 * mib}, 200 * mib, true},
		{"data shrunk to under a quarter of the limit", heap{live: 40 * mib, goal: 80 * mib}, 233 * mib, false},
		{"data a third of the limit", heap{live: 60 * mib, goal: 120 * mib}, 180 * mib, true},
		{"little data at the least limit", heap{live: 1 * mib, goal: 4 * mib}, minMemoryLimit, true},
		{"little data left in many gaps, just fitted", heap{live: 5 * mib, unused: 80 * mib, goal: 20 * mib}, 90 * mib, true},
	} {
		assert.Equal(t, tc.want, limitFits(tc.h, tc.limit), tc.name)
	}
}

// TestMemoryLimitFollowsData replaces a small server's data with 20,000 stages through the
// control API, then resets it: the memory limit follows the live heap up and back down (a limit
// left below the live heap would make the collector run back to back).
func TestMemoryLimitFollowsData(t *testing.T) {
	if os.Getenv("GOMEMLIMIT") != "" {
		t.Skip("GOMEMLIMIT is set: akmock leaves the limit alone")
	}
	before := debug.SetMemoryLimit(-1)
	t.Cleanup(func() { debug.SetMemoryLimit(before) })
	rs := mustRun(t, "--count", "25")
	limit := func() int64 { return debug.SetMemoryLimit(-1) }
	require.Equal(t, int64(minMemoryLimit), limit())

	control := func(method, path string, body []byte) {
		req, err := http.NewRequest(method, "http://"+rs.addr+path, bytes.NewReader(body))
		require.NoError(t, err)
		req.Header.Set("Authorization", "Bearer akmock-token")
		req.Header.Set("Content-Type", "application/json")
		resp, err := (&http.Client{Timeout: time.Minute}).Do(req)
		require.NoError(t, err)
		defer resp.Body.Close()
		answer, _ := io.ReadAll(resp.Body)
		require.Equal(t, http.StatusOK, resp.StatusCode, "%s %s: %s", method, path, answer)
	}
	control(http.MethodPut, "/_akmock/data", fixtures.AppendFixture(nil, fixtures.Generate(3, 20000)))
	runtime.GC()
	assert.Eventually(t, func() bool { return limit() > minMemoryLimit }, 10*time.Second, 50*time.Millisecond,
		"limit %d after loading 20,000 stages", limit())

	control(http.MethodPost, "/_akmock/reset", nil)
	assert.Eventually(t, func() bool { return limit() == minMemoryLimit }, 5*time.Second, 50*time.Millisecond,
		"limit %d after the reset, with no collection but akmock's own", limit())
}

// TestMemoryLimitLeftToGOGC: GOGC, like GOMEMLIMIT, says how the user wants the collector run;
// akmock then sets no limit (with GOGC=20 its fit never left the collector enough room, and it
// collected every second on an idle server).
func TestMemoryLimitLeftToGOGC(t *testing.T) {
	for _, env := range []string{"GOGC", "GOMEMLIMIT"} {
		t.Run(env, func(t *testing.T) {
			t.Setenv(env, map[string]string{"GOGC": "20", "GOMEMLIMIT": "1GiB"}[env])
			const untouched = 1 << 50 // no fit gives this
			before := debug.SetMemoryLimit(untouched)
			t.Cleanup(func() { debug.SetMemoryLimit(before) })
			stop := make(chan struct{})
			defer close(stop)
			followLiveHeap(stop, 10*time.Millisecond, func() uint64 { return 0 })
			time.Sleep(50 * time.Millisecond)
			assert.EqualValues(t, untouched, debug.SetMemoryLimit(-1))
		})
	}
}
