package mockserver_test

import (
	"encoding/base64"
	"fmt"
	"io"
	"net"
	"net/http"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"akmock/fixtures"
	"akmock/mockserver"
)

// routerCase is one line of testdata/golden/router/*.jsonl: a request and what authentik's Go
// router sent for the reference oracle's answer to it (recorded through scripts/routerproxy with
// scripts/record_router.py): the headers its compression decides, and the bytes as sent.
type routerCase struct {
	Request struct {
		Method  string            `json:"method"`
		Path    string            `json:"path"`
		Headers map[string]string `json:"headers"`
		Body    *string           `json:"body"`
	} `json:"request"`
	Response struct {
		Status     int                 `json:"status"`
		Headers    map[string][]string `json:"headers"`
		BodyBase64 string              `json:"body_base64"`
	} `json:"response"`
}

// routerHeaders are the headers a router golden records.
var routerHeaders = []string{"Content-Encoding", "Content-Length", "Content-Type", "Transfer-Encoding", "Vary"}

// TestRouterGolden replays the router goldens, in order, against a server on a loopback port
// (chunking is net/http's framing, seen only on the wire) started on the same fixture, with a
// client that neither asks for compression nor undoes it, and compares status, those headers
// and the bytes sent, compressed or not.
func TestRouterGolden(t *testing.T) {
	files, err := filepath.Glob("../testdata/golden/router/*.jsonl")
	require.NoError(t, err)
	require.NotEmpty(t, files)
	for _, file := range files {
		name := strings.TrimSuffix(filepath.Base(file), ".jsonl")
		t.Run(name, func(t *testing.T) {
			stages, err := fixtures.LoadFile("../testdata/fixtures/" + name + ".json")
			require.NoError(t, err)
			ts := mockserver.NewTestServer(t, mockserver.Config{Stages: stages})
			client := &http.Client{
				Transport:     &http.Transport{DisableCompression: true},
				CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
			}
			for i, c := range readGolden[routerCase](t, file) {
				var body io.Reader
				if c.Request.Body != nil {
					body = strings.NewReader(*c.Request.Body)
				}
				req, err := http.NewRequest(c.Request.Method, ts.URL+c.Request.Path, body)
				require.NoError(t, err)
				for k, v := range c.Request.Headers {
					req.Header.Set(k, v)
				}
				resp, err := client.Do(req)
				require.NoError(t, err, "#%d", i)
				got, err := io.ReadAll(resp.Body)
				resp.Body.Close()
				require.NoError(t, err, "#%d", i)

				where := c.Request.Method + " " + c.Request.Path + " Accept-Encoding: " + c.Request.Headers["Accept-Encoding"]
				assert.Equal(t, c.Response.Status, resp.StatusCode, "#%d %s", i, where)
				header := map[string][]string{}
				for _, h := range routerHeaders {
					if v := resp.Header.Values(h); len(v) > 0 {
						header[h] = v
					}
				}
				if len(resp.TransferEncoding) > 0 { // net/http's client moves it out of the header
					header["Transfer-Encoding"] = resp.TransferEncoding
				}
				assert.Equal(t, c.Response.Headers, header, "#%d %s", i, where)
				want, err := base64.StdEncoding.DecodeString(c.Response.BodyBase64)
				require.NoError(t, err)
				assert.Equal(t, want, got, "#%d %s", i, where)
			}
		})
	}
}

// TestEmptyAnswersChunked: Django's empty answers given before its middleware have no length, so
// uvicorn sends them chunked, and authentik's router passes them on chunked too, its proxy
// flushing them at once (compressed, the compressor's header and an empty sync block first). The
// expected bytes are those scripts/routerproxy sent in front of a server answering as uvicorn
// does (a 404 in HTML, chunked, empty); akmock answers so a Host Django refuses.
func TestEmptyAnswersChunked(t *testing.T) {
	ts := mockserver.NewTestServer(t, mockserver.Config{Count: 1})
	for _, tc := range []struct {
		method, coding string
		header         []string // after the status line, without Date, in any order
		body           string
	}{
		{"GET", "gzip", []string{"Content-Encoding: gzip", "Content-Type: text/html; charset=utf-8", "Vary: Accept-Encoding", "X-Powered-By: authentik", "Connection: close", "Transfer-Encoding: chunked"},
			"f\r\n\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff\x00\x00\x00\xff\xff\r\nd\r\n\x01\x00\x00\xff\xff\x00\x00\x00\x00\x00\x00\x00\x00\r\n0\r\n\r\n"},
		{"GET", "deflate", []string{"Content-Encoding: deflate", "Content-Type: text/html; charset=utf-8", "Vary: Accept-Encoding", "X-Powered-By: authentik", "Connection: close", "Transfer-Encoding: chunked"},
			"5\r\n\x00\x00\x00\xff\xff\r\n5\r\n\x01\x00\x00\xff\xff\r\n0\r\n\r\n"},
		{"GET", "identity", []string{"Content-Type: text/html; charset=utf-8", "Vary: Accept-Encoding", "X-Powered-By: authentik", "Connection: close", "Transfer-Encoding: chunked"},
			"0\r\n\r\n"},
		{"HEAD", "gzip", []string{"Content-Encoding: gzip", "Content-Type: text/html; charset=utf-8", "Vary: Accept-Encoding", "X-Powered-By: authentik", "Content-Length: 23", "Connection: close"}, ""},
		{"HEAD", "identity", []string{"Content-Type: text/html; charset=utf-8", "Vary: Accept-Encoding", "X-Powered-By: authentik", "Connection: close"}, ""},
	} {
		conn, err := net.Dial("tcp", strings.TrimPrefix(ts.URL, "http://"))
		require.NoError(t, err)
		_, err = fmt.Fprintf(conn, "%s /api/v3/stages/user_login/ HTTP/1.1\r\nHost: akmock_server:9000\r\nAccept-Encoding: %s\r\nConnection: close\r\n\r\n", tc.method, tc.coding)
		require.NoError(t, err)
		answer, err := io.ReadAll(conn)
		conn.Close()
		require.NoError(t, err)
		head, body, _ := strings.Cut(string(answer), "\r\n\r\n")
		lines := strings.Split(head, "\r\n")
		header := slices.DeleteFunc(lines[1:], func(l string) bool { return strings.HasPrefix(l, "Date: ") })
		where := tc.method + " " + tc.coding
		assert.Equal(t, "HTTP/1.1 404 Not Found", lines[0], where)
		slices.Sort(header) // their order on the wire means nothing
		slices.Sort(tc.header)
		assert.Equal(t, tc.header, header, where)
		assert.Equal(t, tc.body, body, where)
	}
}
