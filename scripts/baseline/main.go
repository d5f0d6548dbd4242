// Command baseline is the yardstick of scripts/load.sh: the least a Go HTTP server can do to
// answer like akmock. It serves, on every path, a precomputed JSON body of the size the
// query string `size=N` names (default 1024 bytes), with the same Content-Type, and nothing
// else: no routing, no query parsing beyond that, no validation.
//
// With --authentik-headers it also sends the seven other headers authentik (and akmock) put on
// every API answer (Allow as on an item route), so that both write about the same bytes.
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

// bodies caches one body per size: each is built by the first request that asks for it.
var bodies sync.Map // int → []byte

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
	b, ok := bodies.Load(size)
	if !ok {
		b, _ = bodies.LoadOrStore(size, body(size))
	}
	h := w.Header()
	h.Set("Content-Type", "application/json; charset=utf-8")
	h.Set("Content-Length", strconv.Itoa(size))
	if authentikHeaders {
		h.Set("Allow", "GET, PUT, PATCH, DELETE, HEAD, OPTIONS")
		h.Set("X-Authentik-Id", "5f0d9a0c6f2b4e0c9a3e2d1c0b9a8f7e")
		h.Set("X-Powered-By", "authentik")
		h.Set("X-Frame-Options", "DENY")
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "same-origin")
		h.Set("Vary", "Accept-Encoding")
	}
	w.Write(b.([]byte))
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
