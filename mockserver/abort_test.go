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

// TestClientGoneDuringBody: a client that closes its side before sending the whole body it
// announced gets no answer (Django under authentik's ASGI server abandons the request), where
// akmock answered 400 "JSON parse error - input length is 0" for the bytes that did arrive; the
// journal gives the request status 499 and nothing is written.
func TestClientGoneDuringBody(t *testing.T) {
	s, err := New(Config{Count: 3})
	require.NoError(t, err)
	ts := httptest.NewServer(s)
	defer ts.Close()

	conn, err := net.Dial("tcp", ts.Listener.Addr().String())
	require.NoError(t, err)
	defer conn.Close()
	body := `{"name":"half"}`
	fmt.Fprintf(conn, "POST %s HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer %s\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n%s",
		apiPrefix, DefaultToken, len(body)+25, body)
	require.NoError(t, conn.(*net.TCPConn).CloseWrite())
	require.NoError(t, conn.SetReadDeadline(time.Now().Add(4*time.Second)))
	answer, err := io.ReadAll(conn)
	require.NoError(t, err)
	assert.Empty(t, string(answer), "nothing is answered")

	var entries []JournalEntry
	require.Eventually(t, func() bool {
		entries, _ = s.journal.list(JournalFilter{})
		return len(entries) == 1
	}, 2*time.Second, 10*time.Millisecond)
	assert.Equal(t, StatusClientClosed, entries[0].Status)
	assert.Equal(t, 3, s.Store().Current().Len(), "a create with half a body was stored")
}
