package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptrace"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// syncBuffer is a bytes.Buffer that run can write while the test reads it.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// servingLine is run's start-up line, which names the address it listens on.
var servingLine = regexp.MustCompile(`akmock: serving .* on http://([0-9.:]+)/api/v3/stages/user_login/`)

// runningServer is run started in process on a free loopback port.
type runningServer struct {
	addr   string
	stdout *syncBuffer
	cancel context.CancelFunc
	done   chan error
}

// mustRun starts run with args plus --listen 127.0.0.1:0 and waits until it listens. The test's
// cleanup stops it if the test did not.
func mustRun(t *testing.T, args ...string) *runningServer {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	rs := &runningServer{stdout: &syncBuffer{}, cancel: cancel, done: make(chan error, 1)}
	go func() {
		rs.done <- run(ctx, append([]string{"--listen", "127.0.0.1:0"}, args...), rs.stdout, io.Discard)
	}()
	t.Cleanup(func() {
		cancel()
		select {
		case <-rs.done:
		case <-time.After(15 * time.Second):
			t.Error("run did not return after its context was cancelled")
		}
	})
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		if m := servingLine.FindStringSubmatch(rs.stdout.String()); m != nil {
			rs.addr = m[1]
			return rs
		}
		select {
		case err := <-rs.done:
			t.Fatalf("run returned before serving: %v; stdout %q", err, rs.stdout.String())
		case <-time.After(10 * time.Millisecond):
		}
	}
	t.Fatalf("run did not start serving; stdout %q", rs.stdout.String())
	return nil
}

// dial opens a connection to the server, closed when the test ends.
func (rs *runningServer) dial(t *testing.T) net.Conn {
	t.Helper()
	conn, err := net.DialTimeout("tcp", rs.addr, 5*time.Second)
	require.NoError(t, err)
	t.Cleanup(func() { conn.Close() })
	return conn
}

// stop cancels run's context and returns how long run took to return, and what it returned.
func (rs *runningServer) stop(t *testing.T) (time.Duration, error) {
	t.Helper()
	start := time.Now()
	rs.cancel()
	select {
	case err := <-rs.done:
		rs.done <- err // for the cleanup
		return time.Since(start), err
	case <-time.After(15 * time.Second):
		t.Fatal("run did not return after its context was cancelled")
		return 0, nil
	}
}

// TestRunSlowHeaders checks that a client trickling its request headers, a byte at a time, is
// cut off by the server's header timeout: the connection is closed without an answer, and
// the server goes on serving others.
func TestRunSlowHeaders(t *testing.T) {
	t.Parallel()
	rs := mustRun(t)
	conn := rs.dial(t)
	start := time.Now()
	go func() {
		for _, c := range []byte("GET /api/v3/stages/user_login/ HTTP/1.1\r\nHost: x\r\nX-Slow: ") {
			if _, err := conn.Write([]byte{c}); err != nil {
				return
			}
			time.Sleep(200 * time.Millisecond)
		}
		for { // never ends the header block
			if _, err := conn.Write([]byte("a")); err != nil {
				return
			}
			time.Sleep(200 * time.Millisecond)
		}
	}()
	require.NoError(t, conn.SetReadDeadline(time.Now().Add(headerTimeout+5*time.Second)))
	answer, err := io.ReadAll(conn)
	elapsed := time.Since(start)
	require.NoError(t, err, "the server should close the connection, not leave it to the read deadline")
	assert.Empty(t, answer)
	assert.GreaterOrEqual(t, elapsed, headerTimeout-time.Second)
	assert.Less(t, elapsed, headerTimeout+3*time.Second)

	resp, err := http.Get("http://" + rs.addr + "/-/health/live/")
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, http.StatusNoContent, resp.StatusCode)
}

// TestRunGracefulShutdown cancels run's context while requests are in flight (held by an
// injected latency) and others keep arriving: every request that reached the server gets its
// whole answer, run returns nil once they are done, and the port is closed.
func TestRunGracefulShutdown(t *testing.T) {
	t.Parallel()
	rs := mustRun(t)
	base := "http://" + rs.addr
	client := &http.Client{Timeout: 10 * time.Second}
	do := func(ctx context.Context, method, path, body string) (*http.Response, error) {
		req, err := http.NewRequestWithContext(ctx, method, base+path, strings.NewReader(body))
		if err != nil {
			return nil, err
		}
		req.Header.Set("Authorization", "Bearer akmock-token")
		req.Header.Set("Content-Type", "application/json")
		return client.Do(req)
	}
	resp, err := do(context.Background(), http.MethodGet, "/api/v3/stages/user_login/?page_size=1", "")
	require.NoError(t, err)
	first, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	require.NoError(t, err)
	m := regexp.MustCompile(`"pk":"([0-9a-f-]{36})"`).FindSubmatch(first)
	require.NotNil(t, m, "%s", first)
	item := "/api/v3/stages/user_login/" + string(m[1]) + "/"

	// A latency for the held requests, long enough for them to be still held when the shutdown
	// starts: the rule applies once to each, and is used up when the server has them all.
	resp, err = do(context.Background(), http.MethodPost, "/_akmock/faults", `{"operation":"stages_user_login_list","latency_ms":3000,"count":12}`)
	require.NoError(t, err)
	resp.Body.Close()
	require.Equal(t, http.StatusOK, resp.StatusCode)

	// Held requests: each on its own connection, sent before the shutdown starts.
	const held = 12
	var sent, finished sync.WaitGroup
	results := make(chan string, held)
	for range held {
		sent.Add(1)
		finished.Add(1)
		go func() {
			defer finished.Done()
			var once sync.Once
			trace := &httptrace.ClientTrace{WroteRequest: func(httptrace.WroteRequestInfo) { once.Do(sent.Done) }}
			ctx := httptrace.WithClientTrace(context.Background(), trace)
			req, _ := http.NewRequestWithContext(ctx, http.MethodGet, base+"/api/v3/stages/user_login/?page_size=5", nil)
			req.Header.Set("Authorization", "Bearer akmock-token")
			resp, err := (&http.Client{Timeout: 10 * time.Second, Transport: &http.Transport{DisableKeepAlives: true}}).Do(req)
			if err != nil {
				once.Do(sent.Done)
				results <- "error: " + err.Error()
				return
			}
			defer resp.Body.Close()
			body, err := io.ReadAll(resp.Body)
			results <- fmt.Sprintf("%d %v %t", resp.StatusCode, err, bytes.HasPrefix(body, []byte(`{"pagination":{"next":2,`)))
		}()
	}
	// Load: quick requests on kept-alive connections until the server is gone.
	stopLoad := make(chan struct{})
	var load sync.WaitGroup
	loadErrs := make(chan error, 2)
	for range 2 {
		load.Add(1)
		go func() {
			defer load.Done()
			for {
				select {
				case <-stopLoad:
					return
				default:
				}
				resp, err := do(context.Background(), http.MethodGet, item, "")
				if err != nil {
					return // the server has closed its port
				}
				_, err = io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				if resp.StatusCode != http.StatusOK || err != nil {
					loadErrs <- fmt.Errorf("status %d, body error %v", resp.StatusCode, err)
					return
				}
			}
		}()
	}
	sent.Wait()
	require.Eventually(t, func() bool { return faultsUsedUp(rs.addr) }, 10*time.Second, 5*time.Millisecond,
		"the server did not receive every held request")

	took, err := rs.stop(t)
	require.NoError(t, err)
	// Held for 3 s, the requests finish well within the grace period, however busy the machine
	// (5.8 s with two other processes spinning on both cores): a shutdown that waited out the
	// grace would show here, one that cut them off in their answers below.
	assert.Less(t, took, shutdownTimeout, "shutdown should wait only for the held requests")
	finished.Wait()
	close(results)
	for r := range results {
		assert.Equal(t, "200 <nil> true", r)
	}
	close(stopLoad)
	load.Wait()
	close(loadErrs)
	for err := range loadErrs {
		t.Error(err)
	}
	assert.Contains(t, rs.stdout.String(), "akmock: stopped")
	_, err = net.DialTimeout("tcp", rs.addr, time.Second)
	assert.Error(t, err, "the port should be closed after shutdown")
}

// TestDangerWarning: listening beyond loopback without authentication is announced on stderr
// whatever the log level (it was a log line, which --log-level error hid).
func TestDangerWarning(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		listen string
		danger bool
	}{{"0.0.0.0:0", true}, {"127.0.0.1:0", false}} {
		ctx, cancel := context.WithCancel(context.Background())
		var stdout, stderr syncBuffer
		done := make(chan error, 1)
		go func() {
			done <- run(ctx, []string{"--no-auth", "--log-level", "error", "--listen", tc.listen}, &stdout, &stderr)
		}()
		require.Eventually(t, func() bool { return strings.Contains(stdout.String(), "akmock: serving") },
			10*time.Second, 10*time.Millisecond, tc.listen)
		assert.Equal(t, tc.danger, strings.Contains(stderr.String(), "akmock: DANGER: listening on "), "%s: %q", tc.listen, stderr.String())
		if tc.danger { // as asked for, not as Go reports a dual-stack socket ("[::]:PORT")
			assert.Regexp(t, `listening on 0\.0\.0\.0:[1-9][0-9]*, not loopback`, stderr.String())
		}
		cancel()
		require.NoError(t, <-done)
	}
}

// TestShutDownCutsOffSlowRequests: a request still running when the grace period ends (an
// injected latency may be 50 s) is cut off, the server says so and stops without an error once
// the request's handler has seen it and logged it (the log is closed after shutDown returns).
func TestShutDownCutsOffSlowRequests(t *testing.T) {
	t.Parallel()
	started := make(chan struct{})
	var logged syncBuffer
	var inFlight atomic.Int64
	srv := &http.Server{Handler: counted(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		close(started)
		<-r.Context().Done()              // held as by a fault's latency, until the connection closes
		time.Sleep(50 * time.Millisecond) // a handler a little slow to log what happened
		logged.Write([]byte("cut off\n"))
	}), &inFlight)}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	go srv.Serve(ln)
	client := make(chan error, 1)
	go func() {
		resp, err := http.Get("http://" + ln.Addr().String() + "/")
		if err == nil {
			resp.Body.Close()
		}
		client <- err
	}()
	<-started

	var stderr syncBuffer
	start := time.Now()
	require.NoError(t, shutDown(srv, &inFlight, 200*time.Millisecond, &stderr))
	assert.Less(t, time.Since(start), 2*time.Second)
	assert.Equal(t, "akmock: requests still running 200ms after the stop signal were cut off\n", stderr.String())
	assert.Equal(t, "cut off\n", logged.String(), "shutDown returns after the cut-off handler is done")
	assert.Error(t, <-client, "the held request loses its connection")
}

// TestStoppedWhileStarting: a stop signal that arrives while the data is being made ends run
// before it listens, instead of serving first and stopping after.
func TestStoppedWhileStarting(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var stdout syncBuffer
	require.NoError(t, run(ctx, []string{"--listen", "127.0.0.1:0", "--count", "1000"}, &stdout, io.Discard))
	assert.NotContains(t, stdout.String(), "akmock: serving")
	assert.Equal(t, "akmock: stopped before serving\n", stdout.String())
}

// TestRunKeepAliveOutlivesHeaderTimeout: a keep-alive connection that sends a request now and
// then lives past headerTimeout: each request starts its own header phase, which needs the
// server's ConnState hook wired to the timeouts.
func TestRunKeepAliveOutlivesHeaderTimeout(t *testing.T) {
	t.Parallel()
	rs := mustRun(t)
	conn := rs.dial(t)
	reader := bufio.NewReader(conn)
	start := time.Now()
	for i := 0; time.Since(start) < headerTimeout+2*time.Second; i++ {
		_, err := conn.Write([]byte("GET /-/health/live/ HTTP/1.1\r\nHost: x\r\n\r\n"))
		require.NoError(t, err, "request %d", i)
		require.NoError(t, conn.SetReadDeadline(time.Now().Add(5*time.Second)))
		resp, err := http.ReadResponse(reader, nil)
		require.NoError(t, err, "request %d after %s", i, time.Since(start))
		resp.Body.Close()
		assert.Equal(t, http.StatusNoContent, resp.StatusCode)
		time.Sleep(2 * time.Second)
	}
}

// TestRunSaysTheSeedItUses: seed 0 means the default seed, and the start-up line says which.
func TestRunSaysTheSeedItUses(t *testing.T) {
	rs := mustRun(t, "--seed", "0", "--count", "3")
	assert.Contains(t, rs.stdout.String(), "akmock: serving 3 stages generated from seed 1 on ")
}

// TestListenWithoutPort: a --listen value without a port is refused with how to write it.
func TestListenWithoutPort(t *testing.T) {
	for listen, hint := range map[string]string{
		"9406":      "(--listen takes host:port: 127.0.0.1:9406, or :9406 for every interface)",
		"localhost": "(--listen takes host:port, such as 127.0.0.1:9000)",
		"99999":     "(--listen takes host:port, such as 127.0.0.1:9000)",
	} {
		err := run(context.Background(), []string{"--listen", listen}, io.Discard, io.Discard)
		var ue *usageError
		require.ErrorAs(t, err, &ue, listen)
		assert.Contains(t, err.Error(), "missing port in address "+hint, listen)
	}
}

// TestAsGiven: the address listened on is named as --listen gave it, with the port taken.
func TestAsGiven(t *testing.T) {
	taken := &net.TCPAddr{IP: net.IPv6unspecified, Port: 4242}
	for listen, want := range map[string]string{
		"0.0.0.0:0":    "0.0.0.0:4242",
		":0":           ":4242",
		"[::]:0":       "[::]:4242",
		"example:4242": "example:4242",
	} {
		assert.Equal(t, want, asGiven(listen, taken), listen)
	}
}

// TestRunListensFirst: an address in use is reported before any data is read or made.
func TestRunListensFirst(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	defer ln.Close()
	addr := ln.Addr().String()
	missing := filepath.Join(t.TempDir(), "missing.json")
	err = run(context.Background(), []string{"--listen", addr, "--fixtures", missing}, io.Discard, io.Discard)
	var ue *usageError
	require.ErrorAs(t, err, &ue)
	assert.Contains(t, err.Error(), "address already in use")

	// Refused after taking the port, run gives it back.
	require.NoError(t, ln.Close())
	err = run(context.Background(), []string{"--listen", addr, "--fixtures", missing}, io.Discard, io.Discard)
	require.ErrorAs(t, err, &ue)
	assert.Contains(t, err.Error(), "missing.json")
	again, err := net.Listen("tcp", addr)
	require.NoError(t, err, "the port is free again")
	again.Close()
}

// TestReachable: the start-up line names an address a client on this machine can connect to.
func TestReachable(t *testing.T) {
	for _, tc := range []struct {
		ip   string
		want string
	}{
		{"0.0.0.0", "127.0.0.1:9000"},
		{"::", "127.0.0.1:9000"},
		{"127.0.0.1", "127.0.0.1:9000"},
		{"::1", "[::1]:9000"},
		{"192.168.1.2", "192.168.1.2:9000"},
	} {
		assert.Equal(t, tc.want, reachable(&net.TCPAddr{IP: net.ParseIP(tc.ip), Port: 9000}), tc.ip)
	}
}

// TestRunNamesIgnoredKeys: keys of a fixture file akmock does not read are said on stderr at
// start-up, at most ten of them.
func TestRunNamesIgnoredKeys(t *testing.T) {
	var stages []string
	for i := range 12 {
		stages = append(stages, fmt.Sprintf(`{"pk":"11111111-1111-4111-8111-%012d","name":"s%d","sesion_duration":"hours=1"}`, i, i))
	}
	path := filepath.Join(t.TempDir(), "typos.json")
	require.NoError(t, os.WriteFile(path, []byte("["+strings.Join(stages, ",")+"]"), 0o600))
	ctx, cancel := context.WithCancel(context.Background())
	var stdout, stderr syncBuffer
	done := make(chan error, 1)
	go func() { done <- run(ctx, []string{"--listen", "127.0.0.1:0", "--fixtures", path}, &stdout, &stderr) }()
	require.Eventually(t, func() bool { return strings.Contains(stdout.String(), "akmock: serving 12 stages") }, 10*time.Second, 10*time.Millisecond)
	cancel()
	require.NoError(t, <-done)
	lines := strings.Split(strings.TrimSpace(stderr.String()), "\n")
	require.Len(t, lines, 11, stderr.String())
	assert.Equal(t, "akmock: fixture "+path+`: stage #0: "sesion_duration" is no field of a user login stage or its flows; ignored`, lines[0])
	assert.Equal(t, "akmock: fixture "+path+": 2 more keys ignored", lines[10])
}

// TestRunServesWhatTheFixtureHolds: the data a fixture holds, none for an empty one (a nil
// Config.Stages would mean seeded data instead), as the start-up line says.
func TestRunServesWhatTheFixtureHolds(t *testing.T) {
	for _, tc := range []struct {
		name, fixture string
		want          int
		count         string
	}{
		{"empty array", `[]`, 0, "0 stages"},
		{"empty list response", `{"pagination":{"count":0},"results":[]}`, 0, "0 stages"},
		{"one stage", `[{"pk":"11111111-1111-4111-8111-111111111111","name":"only"}]`, 1, "1 stage"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "fixture.json")
			require.NoError(t, os.WriteFile(path, []byte(tc.fixture), 0o600))
			rs := mustRun(t, "--fixtures", path)
			assert.Contains(t, rs.stdout.String(), fmt.Sprintf("akmock: serving %s from %s", tc.count, path))
			req, err := http.NewRequest(http.MethodGet, "http://"+rs.addr+"/api/v3/stages/user_login/", nil)
			require.NoError(t, err)
			req.Header.Set("Authorization", "Bearer akmock-token")
			resp, err := http.DefaultClient.Do(req)
			require.NoError(t, err)
			defer resp.Body.Close()
			body, err := io.ReadAll(resp.Body)
			require.NoError(t, err)
			assert.Contains(t, string(body), fmt.Sprintf(`"count":%d,`, tc.want))
		})
	}
}

// TestRunCollation: --collation reaches the lists, and a collation other than byte order is
// said at start-up.
func TestRunCollation(t *testing.T) {
	path := filepath.Join(t.TempDir(), "names.json")
	var stages []string
	for i, name := range []string{"b", "A", "a"} {
		stages = append(stages, fmt.Sprintf(`{"pk":"11111111-1111-4111-8111-%012d","name":%q}`, i, name))
	}
	require.NoError(t, os.WriteFile(path, []byte("["+strings.Join(stages, ",")+"]"), 0o600))
	for _, tc := range []struct {
		args  []string
		names []string
		said  bool
	}{
		{nil, []string{"A", "a", "b"}, false},
		{[]string{"--collation", "POSIX"}, []string{"A", "a", "b"}, false},
		{[]string{"--collation", "en_US"}, []string{"a", "A", "b"}, true},
	} {
		rs := mustRun(t, append([]string{"--fixtures", path}, tc.args...)...)
		req, err := http.NewRequest(http.MethodGet, "http://"+rs.addr+"/api/v3/stages/user_login/", nil)
		require.NoError(t, err)
		req.Header.Set("Authorization", "Bearer akmock-token")
		resp, err := http.DefaultClient.Do(req)
		require.NoError(t, err)
		var page struct {
			Results []struct{ Name string }
		}
		require.NoError(t, json.NewDecoder(resp.Body).Decode(&page))
		resp.Body.Close()
		var names []string
		for _, r := range page.Results {
			names = append(names, r.Name)
		}
		assert.Equal(t, tc.names, names, "%v", tc.args)
		assert.Equal(t, tc.said, strings.Contains(rs.stdout.String(), "akmock: text is ordered by the en_US collation\n"), "%v: %s", tc.args, rs.stdout.String())
		_, err = rs.stop(t)
		require.NoError(t, err)
	}
}
