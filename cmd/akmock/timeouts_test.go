package main

import (
	"bufio"
	"errors"
	"io"
	"net"
	"net/http"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The limits of the servers these tests start, short enough for a test and far enough apart to
// tell the phases apart.
const (
	testHeader  = 300 * time.Millisecond
	testRequest = time.Second
	testIdle    = 2 * time.Second
	testTick    = 10 * time.Millisecond
)

// startTimed serves h on a loopback port with connTimeouts of the test limits, as run does.
func startTimed(t *testing.T, h http.Handler) (*connTimeouts, string) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	timeouts := newConnTimeouts(testHeader, testRequest, testIdle, testTick)
	stop := make(chan struct{})
	go timeouts.run(stop)
	srv := &http.Server{Handler: h, ConnState: timeouts.connState}
	go srv.Serve(timeouts.listen(ln))
	t.Cleanup(func() {
		srv.Close()
		close(stop)
	})
	return timeouts, ln.Addr().String()
}

// dial opens a raw connection that gives up reading after a few seconds.
func dial(t *testing.T, addr string) net.Conn {
	t.Helper()
	conn, err := net.DialTimeout("tcp", addr, 5*time.Second)
	require.NoError(t, err)
	require.NoError(t, conn.SetReadDeadline(time.Now().Add(5*time.Second)))
	t.Cleanup(func() { conn.Close() })
	return conn
}

// waitClosed reads conn until the server closes it, and returns what it sent and how long that took.
func waitClosed(t *testing.T, conn net.Conn, start time.Time) (string, time.Duration) {
	t.Helper()
	b, err := io.ReadAll(conn)
	if errors.Is(err, syscall.ECONNRESET) {
		err = nil // closed while a byte the client trickled was unread: the kernel resets, a close all the same
	}
	require.NoError(t, err, "the server should close the connection, not leave it to the read deadline")
	return string(b), time.Since(start)
}

// assertNear checks that a limit was kept, give or take the sweeps' delays on a busy machine
// (less than the gap between two limits).
func assertNear(t *testing.T, elapsed, limit time.Duration) {
	t.Helper()
	assert.GreaterOrEqual(t, elapsed, limit-100*time.Millisecond)
	assert.Less(t, elapsed, limit+600*time.Millisecond)
}

const getRequest = "GET / HTTP/1.1\r\nHost: x\r\n\r\n"

func ok(w http.ResponseWriter, _ *http.Request) { io.WriteString(w, "ok") }

func TestConnTimeoutsHeader(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name      string
		keepAlive bool   // a first request is answered on the connection before
		send      string // sent at once; then a byte every 50 ms, never ending the headers
	}{
		{"silent new connection", false, ""},
		{"trickled headers", false, "GET / HTTP/1.1\r\nHost: x\r\nX-Slow: "},
		{"trickled headers of a second request", true, "GET / HTTP/1.1\r\nHost: x\r\nX-Slow: "},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			_, addr := startTimed(t, http.HandlerFunc(ok))
			conn := dial(t, addr)
			if tc.keepAlive {
				_, err := io.WriteString(conn, getRequest)
				require.NoError(t, err)
				resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
				require.NoError(t, err)
				resp.Body.Close()
			}
			start := time.Now()
			if tc.send != "" {
				_, err := io.WriteString(conn, tc.send)
				require.NoError(t, err)
				go func() {
					for {
						if _, err := io.WriteString(conn, "a"); err != nil {
							return
						}
						time.Sleep(50 * time.Millisecond)
					}
				}()
			}
			answer, elapsed := waitClosed(t, conn, start)
			assert.Empty(t, answer)
			assertNear(t, elapsed, testHeader)
		})
	}
}

// TestConnTimeoutsIdle: a keep-alive connection waits for its next request with the idle limit,
// not the header limit, then is closed.
func TestConnTimeoutsIdle(t *testing.T) {
	t.Parallel()
	_, addr := startTimed(t, http.HandlerFunc(ok))
	conn := dial(t, addr)
	r := bufio.NewReader(conn)
	roundTrip := func() {
		_, err := io.WriteString(conn, getRequest)
		require.NoError(t, err)
		resp, err := http.ReadResponse(r, nil)
		require.NoError(t, err)
		body, err := io.ReadAll(resp.Body)
		require.NoError(t, err)
		assert.Equal(t, "ok", string(body))
	}
	roundTrip()
	time.Sleep(testHeader + 100*time.Millisecond)
	roundTrip() // the same connection, still open after longer than the header limit
	start := time.Now()
	rest, err := io.ReadAll(r)
	require.NoError(t, err)
	assert.Empty(t, rest)
	assertNear(t, time.Since(start), testIdle)
}

// TestConnTimeoutsRequest: a handler that takes longer than the request limit loses its
// connection: the client gets no answer and the handler's write fails.
func TestConnTimeoutsRequest(t *testing.T) {
	t.Parallel()
	writeErr := make(chan error, 1)
	_, addr := startTimed(t, http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		time.Sleep(testRequest + 300*time.Millisecond)
		_, err := io.WriteString(w, "late")
		if err == nil {
			err = http.NewResponseController(w).Flush()
		}
		writeErr <- err
	}))
	conn := dial(t, addr)
	start := time.Now()
	_, err := io.WriteString(conn, getRequest)
	require.NoError(t, err)
	answer, elapsed := waitClosed(t, conn, start)
	assert.Empty(t, answer)
	assertNear(t, elapsed, testRequest)
	select {
	case err := <-writeErr:
		assert.Error(t, err)
	case <-time.After(5 * time.Second):
		t.Fatal("the handler never returned")
	}
}

// TestConnTimeoutsStalledReader: a client that stops reading a large answer does not hold the
// handler: its write fails once the request limit has passed.
func TestConnTimeoutsStalledReader(t *testing.T) {
	t.Parallel()
	done := make(chan time.Duration, 1)
	_, addr := startTimed(t, http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		start := time.Now()
		chunk := []byte(strings.Repeat("x", 64<<10))
		for i := 0; i < 16<<10; i++ { // up to 1 GiB, far more than the socket buffers hold
			if _, err := w.Write(chunk); err != nil {
				break
			}
		}
		done <- time.Since(start)
	}))
	conn := dial(t, addr)
	_, err := io.WriteString(conn, getRequest)
	require.NoError(t, err)
	select {
	case elapsed := <-done:
		assertNear(t, elapsed, testRequest)
	case <-time.After(5 * time.Second):
		t.Fatal("the handler is still writing to a client that does not read")
	}
}

// TestConnTimeoutsBusyConnection: a connection that keeps sending requests is never cut, however
// long it lives.
func TestConnTimeoutsBusyConnection(t *testing.T) {
	t.Parallel()
	_, addr := startTimed(t, http.HandlerFunc(ok))
	conn := dial(t, addr)
	require.NoError(t, conn.SetReadDeadline(time.Time{}))
	r := bufio.NewReader(conn)
	start := time.Now()
	for time.Since(start) < 2*testIdle {
		_, err := io.WriteString(conn, getRequest)
		require.NoError(t, err)
		resp, err := http.ReadResponse(r, nil)
		require.NoError(t, err)
		_, err = io.Copy(io.Discard, resp.Body)
		require.NoError(t, err)
		assert.Equal(t, http.StatusOK, resp.StatusCode)
		time.Sleep(testHeader / 2)
	}
}

// TestConnTimeoutsForget: closed connections are no longer watched.
func TestConnTimeoutsForget(t *testing.T) {
	t.Parallel()
	timeouts, addr := startTimed(t, http.HandlerFunc(ok))
	client := &http.Client{Timeout: 5 * time.Second}
	for i := 0; i < 3; i++ {
		resp, err := client.Get("http://" + addr + "/")
		require.NoError(t, err)
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
	}
	assert.Equal(t, 1, watched(timeouts), "one keep-alive connection")
	client.CloseIdleConnections()
	assert.Eventually(t, func() bool { return watched(timeouts) == 0 }, 5*time.Second, testTick)
}

// watched is the number of connections t watches.
func watched(t *connTimeouts) int {
	t.mu.Lock()
	defer t.mu.Unlock()
	return len(t.conns)
}
