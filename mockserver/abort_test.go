package mockserver

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
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
	require.NoError(t, s.faults.add(faultRule{Operation: opList, LatencyMS: 5000}))
	ts := httptest.NewServer(s)
	defer ts.Close()

	answer := sendAndHalfClose(t, ts, fmt.Sprintf("GET %s HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer %s\r\n\r\n", apiPrefix, DefaultToken))
	assert.Empty(t, answer, "nothing is answered")
	assert.Equal(t, StatusClientClosed, onlyJournalEntry(t, s).Status)
	require.Eventually(t, func() bool { return strings.Contains(logs.String(), `"msg":"request"`) }, 2*time.Second, 10*time.Millisecond)
	var line struct{ Status, Bytes int }
	require.NoError(t, json.Unmarshal([]byte(logs.String()), &line), logs.String())
	assert.Equal(t, StatusClientClosed, line.Status)
	assert.Zero(t, line.Bytes)
}

// sendAndHalfClose writes request on a new connection to ts, closes its sending side (a client
// gone, as net/http sees it) and returns all it reads until the server closes the connection.
func sendAndHalfClose(t *testing.T, ts *httptest.Server, request string) string {
	t.Helper()
	conn, err := net.Dial("tcp", ts.Listener.Addr().String())
	require.NoError(t, err)
	defer conn.Close()
	_, err = io.WriteString(conn, request)
	require.NoError(t, err)
	require.NoError(t, conn.(*net.TCPConn).CloseWrite())
	require.NoError(t, conn.SetReadDeadline(time.Now().Add(4*time.Second)))
	answer, err := io.ReadAll(conn)
	require.NoError(t, err, "the server did not close the connection")
	return string(answer)
}

// onlyJournalEntry waits for the journal to hold one request and returns it.
func onlyJournalEntry(t *testing.T, s *Server) journalEntry {
	t.Helper()
	var entries []journalEntry
	require.Eventually(t, func() bool {
		entries, _ = s.journal.list(journalFilter{})
		return len(entries) == 1
	}, 2*time.Second, 10*time.Millisecond)
	return entries[0]
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

	body := `{"name":"half"}`
	answer := sendAndHalfClose(t, ts, fmt.Sprintf("POST %s HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer %s\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n%s",
		apiPrefix, DefaultToken, len(body)+25, body))
	assert.Empty(t, answer, "nothing is answered")
	assert.Equal(t, StatusClientClosed, onlyJournalEntry(t, s).Status)
	assert.Equal(t, 3, s.Store().Current().Len(), "a create with half a body was stored")
}

// TestAbandonInProcess: served in process (a test calling ServeHTTP with a recorder), a request
// whose context ends while a fault's latency holds it gets status 499 and no body instead of the
// panic net/http's servers expect, whether the context was cancelled or ran out of time.
func TestAbandonInProcess(t *testing.T) {
	logs := &lockedBuffer{}
	s, err := New(Config{Count: 3, Logger: slog.New(slog.NewJSONHandler(logs, nil))})
	require.NoError(t, err)
	require.NoError(t, s.faults.add(faultRule{Operation: opList, LatencyMS: 5000}))
	cancelled, cancel := context.WithCancel(context.Background())
	cancel()
	expired, cancel := context.WithTimeout(context.Background(), time.Millisecond)
	defer cancel()
	for name, ctx := range map[string]context.Context{"cancelled": cancelled, "expired": expired} {
		req := httptest.NewRequestWithContext(ctx, http.MethodGet, apiPrefix, nil)
		req.Header.Set("Authorization", "Bearer "+DefaultToken)
		rec := httptest.NewRecorder()
		require.NotPanics(t, func() { s.ServeHTTP(rec, req) }, name)
		assert.Equal(t, StatusClientClosed, rec.Code, name)
		assert.Empty(t, rec.Body.String(), name)
	}
	entries, _ := s.journal.list(journalFilter{Status: StatusClientClosed})
	assert.Len(t, entries, 2)
	assert.Equal(t, 2, strings.Count(logs.String(), `"status":499`), logs.String())
}

// TestBrokenBodyBeforeRouting: answers given before any body is read (the clean-path redirect,
// the URI limit) do not read it, so a chunked body that turns out broken does not lose them.
func TestBrokenBodyBeforeRouting(t *testing.T) {
	s, err := New(Config{Count: 3})
	require.NoError(t, err)
	ts := httptest.NewServer(s)
	defer ts.Close()
	for _, target := range []string{"/" + apiPrefix, apiPrefix + "?search=" + strings.Repeat("a", maxURIBytes)} {
		conn, err := net.Dial("tcp", ts.Listener.Addr().String())
		require.NoError(t, err)
		fmt.Fprintf(conn, "POST %s HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", target)
		require.NoError(t, conn.SetReadDeadline(time.Now().Add(4*time.Second)))
		status, err := bufio.NewReader(conn).ReadString('\n')
		conn.Close()
		require.NoError(t, err, "no answer to %.40s", target)
		assert.Regexp(t, `^HTTP/1.1 (301|414) `, status)
	}
}

// TestPanicLogsNoRequestLine: a handler that panics for another reason than an abandoned
// request logs no request line (net/http reports the panic); it used to log one with status 0.
func TestPanicLogsNoRequestLine(t *testing.T) {
	logs := &lockedBuffer{}
	s, err := New(Config{Count: 3, Logger: slog.New(slog.NewJSONHandler(logs, nil))})
	require.NoError(t, err)
	req := httptest.NewRequest(http.MethodPost, apiPrefix, panickingReader{})
	req.Header.Set("Authorization", "Bearer "+DefaultToken)
	assert.Panics(t, func() { s.ServeHTTP(httptest.NewRecorder(), req) })
	assert.NotContains(t, logs.String(), `"msg":"request"`)
}

type panickingReader struct{}

func (panickingReader) Read([]byte) (int, error) { panic("a bug") }

// TestUnsizedBodyKeptForTheJournal: on authentik's routes a chunked body is read but only what the
// journal shows is kept (DRF never parses it), however large it is within the limit; the control
// API keeps its bodies whole.
func TestUnsizedBodyKeptForTheJournal(t *testing.T) {
	big := strings.Repeat("x", 4*journalBodyLimit)
	for _, tc := range []struct {
		forJournal bool
		kept       int
	}{{true, journalBodyLimit + 1}, {false, len(big)}} {
		req := httptest.NewRequest(http.MethodPost, apiPrefix, strings.NewReader(big))
		req.ContentLength = -1
		c := &call{r: req}
		require.True(t, c.readBody(DefaultMaxBodyBytes, tc.forJournal))
		assert.Len(t, c.body, tc.kept, "for the journal only: %v", tc.forJournal)
		assert.False(t, c.bodyTooLarge)
	}

	// Past the limit it is still too large, however little was kept; the journal keeps how it
	// began, and the control API, which journals nothing, keeps nothing.
	for _, tc := range []struct {
		forJournal bool
		kept       int
	}{{true, journalBodyLimit + 1}, {false, 0}} {
		req := httptest.NewRequest(http.MethodPost, apiPrefix, strings.NewReader(big))
		req.ContentLength = -1
		c := &call{r: req}
		require.True(t, c.readBody(int64(2*journalBodyLimit), tc.forJournal))
		assert.True(t, c.bodyTooLarge)
		assert.Len(t, c.body, tc.kept, "for the journal only: %v", tc.forJournal)
	}
}

// TestControlBodiesOverTheLimit: a control body past the control API's limit (as readBody marks
// one, chunked or not) is a 413 on both routes that read one, never taken for an empty body.
func TestControlBodiesOverTheLimit(t *testing.T) {
	s, err := New(Config{Count: 1})
	require.NoError(t, err)
	for name, h := range map[string]handlerFunc{"PUT data": s.controlReplace, "POST faults": s.controlAddFault} {
		c := &call{server: s, r: httptest.NewRequest(http.MethodPost, ControlPrefix, nil), bodyTooLarge: true}
		_, err := h(c)
		var apiErr *apiError
		require.ErrorAs(t, err, &apiErr, name)
		assert.Equal(t, http.StatusRequestEntityTooLarge, apiErr.status, name)
	}
}
