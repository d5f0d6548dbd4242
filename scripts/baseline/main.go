// Command baseline is the yardstick of scripts/load.sh: the least a Go HTTP server can do to
// answer like akmock. It serves, on every path, a precomputed JSON body of the size the
// query string `size=N` names (default 1024 bytes), with the same Content-Type, and nothing
// else: no routing, no query parsing beyond that, no validation.
//
// With --authentik-headers it also sends the seven other headers authentik (and akmock) put on
// every API answer (Allow as on an item route), so that both write about the same bytes.
//
// Headers are set as cheaply as net/http allows, and as akmock sets them: each value made once
// and put in the header map directly (Header.Set would canonicalize the name and allocate a
// slice on every request), and Content-Length left to net/http for a body that fits its buffer,
// which computes the same value without a map entry. A baseline that does more than it must
// would flatter the ratio akmock/baseline.
//
//	go run ./scripts/baseline --listen 127.0.0.1:9101
//	curl 'http://127.0.0.1:9101/?size=117000'
package main

import (
	"flag"
	"fmt"
	"net/http"
	"os"
	"strconv"
	"strings"
	"sync"
)

func main() {
	listen := flag.String("listen", "127.0.0.1:9101", "address to listen on")
	flag.BoolVar(&authentikHeaders, "authentik-headers", false, "also send the headers authentik adds to every API answer")
	flag.Parse()
	fmt.Println("baseline: serving on", *listen)
	if err := http.ListenAndServe(*listen, http.HandlerFunc(serve)); err != nil {
		fmt.Fprintln(os.Stderr, "baseline:", err)
		os.Exit(1)
	}
}

// authentikHeaders is the --authentik-headers flag.
var authentikHeaders bool

// bodies caches one answer per size: each is built by the first request that asks for it.
var bodies sync.Map // int → *answer

// answer is a precomputed body and its Content-Length value, nil for a body net/http sizes.
type answer struct {
	body   []byte
	length []string
}

// netHTTPBuffer is how much of a body net/http's server holds before it sends the headers: it
// computes the Content-Length of a body of at most this many bytes written whole.
const netHTTPBuffer = 2048

// The header values, made once and shared by every answer (net/http copies the map, not them).
var (
	contentType    = []string{"application/json; charset=utf-8"}
	allow          = []string{"GET, PUT, PATCH, DELETE, HEAD, OPTIONS"}
	requestID      = []string{"5f0d9a0c6f2b4e0c9a3e2d1c0b9a8f7e"}
	poweredBy      = []string{"authentik"}
	frameOptions   = []string{"DENY"}
	contentOptions = []string{"nosniff"}
	referrerPolicy = []string{"same-origin"}
	vary           = []string{"Accept-Encoding"}
)

// serve writes the body of the requested size.
func serve(w http.ResponseWriter, r *http.Request) {
	size := 1024
	if s, ok := strings.CutPrefix(r.URL.RawQuery, "size="); ok {
		n, err := strconv.Atoi(s)
		if err != nil || n < 2 || n > 64<<20 {
			http.Error(w, "size: an integer from 2 to 67108864", http.StatusBadRequest)
			return
		}
		size = n
	}
	a, ok := bodies.Load(size)
	if !ok {
		a, _ = bodies.LoadOrStore(size, newAnswer(size))
	}
	ans := a.(*answer)
	h := w.Header()
	h["Content-Type"] = contentType
	if ans.length != nil {
		h["Content-Length"] = ans.length
	}
	if authentikHeaders {
		h["Allow"] = allow
		h["X-Authentik-Id"] = requestID
		h["X-Powered-By"] = poweredBy
		h["X-Frame-Options"] = frameOptions
		h["X-Content-Type-Options"] = contentOptions
		h["Referrer-Policy"] = referrerPolicy
		h["Vary"] = vary
	}
	w.Write(ans.body)
}

// newAnswer is the answer of n bytes.
func newAnswer(n int) *answer {
	a := &answer{body: body(n)}
	if n > netHTTPBuffer {
		a.length = []string{strconv.Itoa(n)}
	}
	return a
}

// body is a JSON string of exactly n bytes.
func body(n int) []byte {
	b := make([]byte, n)
	for i := range b {
		b[i] = 'x'
	}
	b[0], b[n-1] = '"', '"'
	return b
}
