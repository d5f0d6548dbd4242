package mockserver

import (
	"bytes"
	"compress/flate"
	"compress/gzip"
	"fmt"
	"hash/maphash"
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestRouterCoding: the router compresses with the first element of Accept-Encoding that is
// exactly gzip or deflate, spaces trimmed; quality values, other spellings and later header
// lines count for nothing, and a request to upgrade its connection is never compressed.
func TestRouterCoding(t *testing.T) {
	for _, tc := range []struct {
		accept  []string
		upgrade string
		want    string
	}{
		{nil, "", ""},
		{[]string{""}, "", ""},
		{[]string{"gzip"}, "", "gzip"},
		{[]string{"deflate"}, "", "deflate"},
		{[]string{"gzip, deflate, br"}, "", "gzip"},
		{[]string{"br, deflate, gzip"}, "", "deflate"},
		{[]string{" \tgzip \t"}, "", "gzip"},
		{[]string{"gzip;q=1.0"}, "", ""},
		{[]string{"gzip;q=0, deflate"}, "", "deflate"},
		{[]string{"GZIP", "Deflate"}, "", ""},
		{[]string{"x-gzip, *, identity, br"}, "", ""},
		{[]string{"gzip deflate"}, "", ""},
		{[]string{"br", "gzip"}, "", ""}, // only the first line is read
		{[]string{"gzip"}, "websocket", ""},
		{[]string{"br"}, "websocket", ""},
	} {
		r := httptest.NewRequest(http.MethodGet, "/", nil)
		r.Header["Accept-Encoding"] = tc.accept
		if tc.upgrade != "" {
			r.Header.Set("Upgrade", tc.upgrade)
		}
		assert.Equal(t, tc.want, routerCoding(r), "Accept-Encoding %q, Upgrade %q", tc.accept, tc.upgrade)
	}
}

// TestCompressedAnswers: what the router carries is compressed for a client that accepts it and
// names Accept-Encoding in Vary; the router's own redirect and akmock's own routes (the control
// API, the URI limit) carry neither. Each compressed body holds the bytes the uncompressed
// answer would have, and is as long as its Content-Length says (in process, with no net/http
// server framing it, the recorder shows every body).
func TestCompressedAnswers(t *testing.T) {
	s, err := New(Config{Count: 30})
	require.NoError(t, err)
	pk := s.Store().Current().Stages()[0].PK
	serve := func(method, target, coding string) *httptest.ResponseRecorder {
		return serveCoded(s, method, target, "", coding)
	}
	decompress := func(coding string, b []byte) []byte {
		var r io.Reader = flate.NewReader(bytes.NewReader(b))
		if coding == "gzip" {
			zr, err := gzip.NewReader(bytes.NewReader(b))
			require.NoError(t, err)
			r = zr
		}
		out, err := io.ReadAll(r)
		require.NoError(t, err)
		return out
	}
	var sizes []int // of the compressed bodies: some under net/http's 2 KiB buffer, some over
	for _, target := range []string{apiPrefix, apiPrefix + "?page_size=6", apiPrefix + pk + "/", apiPrefix + pk + "/used_by/", apiPrefix + "nope/", "/api/v3/other/", "/-/health/ready/"} {
		plain := serve(http.MethodGet, target, "")
		assert.Equal(t, "Accept-Encoding", plain.Header().Get("Vary"), target)
		assert.Empty(t, plain.Header().Get("Content-Encoding"), target)
		for _, coding := range []string{"gzip", "deflate"} {
			rec := serve(http.MethodGet, target, coding)
			where := target + " " + coding
			assert.Equal(t, plain.Code, rec.Code, where)
			assert.Equal(t, coding, rec.Header().Get("Content-Encoding"), where)
			assert.Equal(t, "Accept-Encoding", rec.Header().Get("Vary"), where)
			assert.Equal(t, plain.Body.String(), string(decompress(coding, rec.Body.Bytes())), where)
			n := rec.Body.Len()
			sizes = append(sizes, n)
			if n <= 2048 {
				assert.Equal(t, []string{strconv.Itoa(n)}, rec.Header().Values("Content-Length"), where)
			} else {
				assert.Empty(t, rec.Header().Values("Content-Length"), "%s: sent chunked", where)
			}

			head := serve(http.MethodHead, target, coding)
			assert.Empty(t, head.Body.String(), where)
			empty := map[string]string{"gzip": "23", "deflate": "5"}[coding] // the empty stream
			assert.Equal(t, empty, head.Header().Get("Content-Length"), "HEAD %s", where)
		}
	}

	assert.True(t, slices.ContainsFunc(sizes, func(n int) bool { return n > 2048 }), "a body sent chunked: %v", sizes)
	assert.True(t, slices.ContainsFunc(sizes, func(n int) bool { return n > 1024 && n <= 2048 }), "a body over 1 KiB with a length: %v", sizes)

	deleted := serve(http.MethodDelete, apiPrefix+pk+"/", "gzip")
	assert.Equal(t, http.StatusNoContent, deleted.Code)
	assert.Equal(t, "gzip", deleted.Header().Get("Content-Encoding"))
	assert.Empty(t, deleted.Header().Values("Content-Length"))
	assert.Empty(t, deleted.Body.String())

	live := serve(http.MethodGet, "/-/health/live/", "deflate")
	assert.Equal(t, http.Header{"Vary": {"Accept-Encoding"}, "Content-Encoding": {"deflate"}}, live.Header())

	for _, target := range []string{ControlPrefix + "requests", ControlPrefix + "nope", "/api/v3//stages/user_login/", apiPrefix + "?q=" + strings.Repeat("x", maxURIBytes)} {
		rec := serve(http.MethodGet, target, "gzip")
		assert.Empty(t, rec.Header().Values("Vary"), target)
		assert.Empty(t, rec.Header().Values("Content-Encoding"), target)
	}
}

// TestCodedBodies: the cache of compressed bodies answers a body it has seen with the same
// compressed bytes, never another body's (even under the same hash), and stays within its bound.
func TestCodedBodies(t *testing.T) {
	cb := newCodedBodies()
	inflate := func(b []byte) string {
		zr, err := gzip.NewReader(bytes.NewReader(b))
		require.NoError(t, err)
		out, err := io.ReadAll(zr)
		require.NoError(t, err)
		return string(out)
	}
	one, two := []byte(`{"pk":"one"}`), []byte(`{"pk":"two"}`)
	first := cb.compress(one, "gzip")
	assert.Equal(t, string(one), inflate(first))
	again := cb.compress(bytes.Clone(one), "gzip")
	assert.Same(t, &first[0], &again[0], "the same body, found in the cache")
	assert.NotEqual(t, first, cb.compress(one, "deflate"), "each coding its own form")

	// A body whose key another body holds (a hash collision) is compressed on its own.
	cb.forms[codedKey{maphash.Bytes(cb.seed, two), "gzip"}] = codedForm{one, first}
	assert.Equal(t, string(two), inflate(cb.compress(two, "gzip")))

	// The cache keeps its own copy of a body: a stored stage's bytes share their block.
	block := []byte(`{"pk":"three"}{"pk":"four"}`)
	cb.compress(block[:14], "gzip")
	form := cb.forms[codedKey{maphash.Bytes(cb.seed, block[:14]), "gzip"}]
	assert.NotSame(t, &block[0], &form.plain[0], "a copy, not a window on the block")

	tooBig := bytes.Repeat([]byte("y"), maxCodedBytes/16)
	held := cb.bytes
	assert.Equal(t, string(tooBig), inflate(cb.compress(tooBig, "gzip")))
	assert.Equal(t, held, cb.bytes, "a body over a sixteenth of the bound is not kept")

	big := bytes.Repeat([]byte("x"), maxCodedBytes/20)
	for i := range 40 {
		big[0] = byte(i)
		cb.compress(bytes.Clone(big), "gzip")
		assert.LessOrEqual(t, cb.bytes, maxCodedBytes)
	}
	assert.Less(t, len(cb.forms), 40, "started over when full")
}

// TestCompressedLengthAtTheBuffer: net/http holds up to 2,048 bytes of a body before it sends
// the headers, so the router's compressed answer of exactly 2,048 bytes still has a
// Content-Length and one of 2,049 is chunked. Stages whose compressed retrieve is each of those
// lengths are made by renaming one stage (a name that does not compress, longer each time) and
// answered in process, where akmock frames them itself, and by a server on a loopback port,
// where net/http does.
func TestCompressedLengthAtTheBuffer(t *testing.T) {
	s, err := New(Config{Count: 1})
	require.NoError(t, err)
	pk := s.Store().Current().Stages()[0].PK
	serve := func(method, body, coding string) *httptest.ResponseRecorder {
		return serveCoded(s, method, apiPrefix+pk+"/", body, coding)
	}

	// Letters, digits and punctuation drawn at random: deflate saves little on them, so each
	// letter more adds a byte or less to the compressed answer.
	const alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&()*+-./:;<=>?@[]^_{|}~"
	rng := rand.New(rand.NewPCG(1, 2))
	letters := make([]byte, 2600)
	for i := range letters {
		letters[i] = alphabet[rng.IntN(len(alphabet))]
	}
	ts := httptest.NewServer(s)
	t.Cleanup(ts.Close)
	client := &http.Client{Transport: &http.Transport{DisableCompression: true}}
	for _, coding := range []string{"gzip", "deflate"} {
		found := map[int]string{} // compressed length → the name that gives it
		lo, hi := 1, len(letters) // the shortest name whose answer reaches 2,048 bytes, by bisection
		lengthWith := func(n int) int {
			patched := serve(http.MethodPatch, `{"name":"`+string(letters[:n])+`"}`, "")
			require.Equal(t, http.StatusOK, patched.Code, patched.Body.String())
			got := serve(http.MethodGet, "", coding)
			require.Equal(t, http.StatusOK, got.Code)
			found[got.Body.Len()] = string(letters[:n])
			return got.Body.Len()
		}
		for lo < hi {
			if mid := (lo + hi) / 2; lengthWith(mid) < 2048 {
				lo = mid + 1
			} else {
				hi = mid
			}
		}
		for n := lo; n < lo+16 && (found[2048] == "" || found[2049] == ""); n++ {
			lengthWith(n)
		}
		require.NotEmpty(t, found[2048], "%s: no name gives a compressed answer of 2,048 bytes", coding)
		require.NotEmpty(t, found[2049], "%s: no name gives a compressed answer of 2,049 bytes", coding)

		for _, n := range []int{2048, 2049} {
			patched := serve(http.MethodPatch, `{"name":"`+found[n]+`"}`, "")
			require.Equal(t, http.StatusOK, patched.Code, patched.Body.String())
			where := fmt.Sprintf("%s, %d bytes", coding, n)

			rec := serve(http.MethodGet, "", coding)
			require.Equal(t, n, rec.Body.Len(), where)
			sized := []string{"2048"}
			if n > 2048 {
				sized = nil
			}
			assert.Equal(t, sized, rec.Header().Values("Content-Length"), "%s, in process", where)

			req, err := http.NewRequest(http.MethodGet, ts.URL+apiPrefix+pk+"/", nil)
			require.NoError(t, err)
			req.Header.Set("Authorization", "Bearer "+DefaultToken)
			req.Header.Set("Accept-Encoding", coding)
			resp, err := client.Do(req)
			require.NoError(t, err)
			body, err := io.ReadAll(resp.Body)
			resp.Body.Close()
			require.NoError(t, err)
			assert.Equal(t, rec.Body.Bytes(), body, where)
			if n > 2048 {
				assert.Equal(t, []string{"chunked"}, resp.TransferEncoding, "%s, from a server", where)
				assert.EqualValues(t, -1, resp.ContentLength, "%s, from a server", where)
			} else {
				assert.Empty(t, resp.TransferEncoding, "%s, from a server", where)
				assert.EqualValues(t, 2048, resp.ContentLength, "%s, from a server", where)
			}
		}
	}
}

// serveCoded answers a request with the token in process: body, if any, as JSON, and
// Accept-Encoding: coding, if any.
func serveCoded(s *Server, method, target, body, coding string) *httptest.ResponseRecorder {
	req := httptest.NewRequest(method, target, strings.NewReader(body))
	req.Header.Set("Authorization", "Bearer "+DefaultToken)
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	if coding != "" {
		req.Header.Set("Accept-Encoding", coding)
	}
	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, req)
	return rec
}
