package mockserver

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestFaultLatencyCapped: the latencies of the rules that apply add up, but never past
// maxFaultLatency, which keeps a delayed answer under the command's request timeout.
func TestFaultLatencyCapped(t *testing.T) {
	f := newFaults()
	for range 2 {
		require.NoError(t, f.add(FaultRule{Operation: "*", Latency: maxFaultLatency}))
	}
	latency, status := f.apply(opList)
	assert.Equal(t, maxFaultLatency, latency)
	assert.Zero(t, status)

	f = newFaults()
	require.NoError(t, f.add(FaultRule{Operation: "*", Latency: time.Second}))
	require.NoError(t, f.add(FaultRule{Operation: opList, Latency: 2 * time.Second}))
	latency, _ = f.apply(opList)
	assert.Equal(t, 3*time.Second, latency, "both rules apply to the list")
	latency, _ = f.apply(opRetrieve)
	assert.Equal(t, time.Second, latency, "only the '*' rule applies to a retrieve")
}

// TestFaultFraction: a rule with a fraction applies to about that share of the requests, and
// its count counts only the requests it applied to.
func TestFaultFraction(t *testing.T) {
	f := newFaults()
	count := 50
	require.NoError(t, f.add(FaultRule{Operation: "*", Status: 503, Fraction: 0.25, Remaining: &count}))
	applied, requests := 0, 0
	for ; requests < 1000 && len(f.list()) > 0; requests++ {
		if _, status := f.apply(opList); status == 503 {
			applied++
		}
	}
	assert.Equal(t, 50, applied, "the count is used up")
	assert.InDelta(t, 200, requests, 80, "50 applications at a quarter of the requests")
}

// TestClientGoneDuringLatency: a client that goes away while an injected latency holds its
// request gets no answer (before, a 500 error page was written to a client still reading after
// closing its side), and the journal and the request log give the request status 499.
func TestClientGoneDuringLatency(t *testing.T) {
	logs := &lockedBuffer{}
	s, err := New(Config{Count: 3, Logger: slog.New(slog.NewJSONHandler(logs, nil))})
	require.NoError(t, err)
	require.NoError(t, s.faults.add(FaultRule{Operation: opList, Latency: 5 * time.Second}))
	ts := httptest.NewServer(s)
	defer ts.Close()

	conn, err := net.Dial("tcp", ts.Listener.Addr().String())
	require.NoError(t, err)
	defer conn.Close()
	fmt.Fprintf(conn, "GET %s HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer %s\r\n\r\n", apiPrefix, DefaultToken)
	require.NoError(t, conn.(*net.TCPConn).CloseWrite()) // gone, as net/http sees it; still reading
	require.NoError(t, conn.SetReadDeadline(time.Now().Add(4*time.Second)))
	answer, err := io.ReadAll(conn)
	require.NoError(t, err, "the server closes the connection before the latency is over")
	assert.Empty(t, string(answer), "nothing is answered")

	var entries []JournalEntry
	require.Eventually(t, func() bool {
		entries, _ = s.journal.list(JournalFilter{})
		return len(entries) == 1
	}, 2*time.Second, 10*time.Millisecond)
	assert.Equal(t, StatusClientClosed, entries[0].Status)
	require.Eventually(t, func() bool { return strings.Contains(logs.String(), `"msg":"request"`) }, 2*time.Second, 10*time.Millisecond)
	var line struct{ Status, Bytes int }
	require.NoError(t, json.Unmarshal([]byte(logs.String()), &line), logs.String())
	assert.Equal(t, StatusClientClosed, line.Status)
	assert.Zero(t, line.Bytes)
}

// lockedBuffer is a bytes.Buffer that a server's goroutines may write while a test reads it.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}
