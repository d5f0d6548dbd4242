package main

import (
	"errors"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"akmock/mockserver"
)

// asCommand, set in the environment, makes the test binary run main with its arguments instead
// of the tests: the signal tests need the command in a process of its own.
const asCommand = "AKMOCK_TEST_RUN_MAIN"

func TestMain(m *testing.M) {
	if os.Getenv(asCommand) == "1" {
		main()
	}
	os.Exit(m.Run())
}

// TestSecondSignalEndsAtOnce: the first signal waits for requests in flight (up to 10 s); a
// second ends akmock at once, with exit status 128 + the signal's number, also when it was
// started with SIGINT ignored, as a shell script starts its background jobs.
func TestSecondSignalEndsAtOnce(t *testing.T) {
	for _, tc := range []struct {
		name   string
		sig    syscall.Signal
		status int
	}{
		{"SIGINT, ignored at start", syscall.SIGINT, 130},
		{"SIGTERM", syscall.SIGTERM, 143},
	} {
		t.Run(tc.name, func(t *testing.T) {
			// sh's trap "" sets the signal's action to ignore, which exec keeps.
			cmd := exec.Command("sh", "-c", `trap "" INT; exec "$0" "$@"`, os.Args[0], "--listen", "127.0.0.1:0", "--count", "2")
			cmd.Env = append(os.Environ(), asCommand+"=1")
			var stdout, stderr syncBuffer
			cmd.Stdout, cmd.Stderr = &stdout, &stderr
			require.NoError(t, cmd.Start())
			exited := make(chan error, 1)
			go func() { exited <- cmd.Wait() }()
			t.Cleanup(func() { cmd.Process.Kill() })

			var addr string
			require.Eventually(t, func() bool {
				if m := servingLine.FindStringSubmatch(stdout.String()); m != nil {
					addr = m[1]
				}
				return addr != ""
			}, 30*time.Second, 10*time.Millisecond, "no serving line")

			// A request held by an injected latency keeps the graceful stop waiting. The rule
			// applies once, and leaves the rule list when it does.
			send := func(method, path, body string) (*http.Response, error) {
				req, err := http.NewRequest(method, "http://"+addr+path, strings.NewReader(body))
				if err != nil {
					return nil, err
				}
				req.Header.Set("Authorization", "Bearer "+mockserver.DefaultToken)
				req.Header.Set("Content-Type", "application/json")
				return http.DefaultClient.Do(req)
			}
			resp, err := send(http.MethodPost, "/_akmock/faults", `{"operation":"*","latency_ms":30000,"count":1}`)
			require.NoError(t, err)
			resp.Body.Close()
			require.Equal(t, http.StatusOK, resp.StatusCode)
			go func() {
				if resp, err := send(http.MethodGet, "/api/v3/stages/user_login/", ""); err == nil {
					resp.Body.Close()
				}
			}()
			require.Eventually(t, func() bool { return faultsUsedUp(addr) }, 10*time.Second, 10*time.Millisecond)

			// Two signals sent together may arrive as one: the second goes once the first has
			// closed the listener.
			require.NoError(t, cmd.Process.Signal(tc.sig))
			require.Eventually(t, func() bool {
				conn, err := net.Dial("tcp", addr)
				if err == nil {
					conn.Close()
				}
				return err != nil
			}, 10*time.Second, 10*time.Millisecond, "the first signal did not stop akmock listening")
			require.NoError(t, cmd.Process.Signal(tc.sig))
			select {
			case err = <-exited:
			case <-time.After(60 * time.Second):
				t.Fatal("akmock did not exit")
			}
			var exit *exec.ExitError
			require.True(t, errors.As(err, &exit), "exit: %v; stderr: %s", err, stderr.String())
			assert.Equal(t, tc.status, exit.ExitCode(), "stderr: %s", stderr.String())
			assert.Contains(t, stderr.String(), "akmock: stopped at once by a second signal")
		})
	}
}

// faultsUsedUp reports whether akmock's fault rules are all used up.
func faultsUsedUp(addr string) bool {
	req, err := http.NewRequest(http.MethodGet, "http://"+addr+"/_akmock/faults", nil)
	if err != nil {
		return false
	}
	req.Header.Set("Authorization", "Bearer "+mockserver.DefaultToken)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return false
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	return err == nil && string(body) == `{"faults":[]}`
}
