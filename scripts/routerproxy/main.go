// Command routerproxy stands in front of a server as authentik 2025.6's Go router does, for
// recording what its compression does to Django's answers (testdata/golden/*.router.jsonl,
// scripts/record_router.py). It runs the router's own middleware, not a copy of it:
// gorilla/handlers v1.5.2's CompressHandler (which authentik's web.NewCompressHandler wraps) on
// a gorilla/mux router whose routes are the router's: its liveness check answered in place, and
// everything else handed to net/http/httputil's ReverseProxy, which sets X-Powered-By and drops
// Server as the router's proxy does.
//
// It is a module of its own, so that akmock's module does not depend on gorilla/handlers:
//
//	cd scripts/routerproxy && go run . --listen 127.0.0.1:9300 --upstream http://127.0.0.1:9101
package main

import (
	"flag"
	"fmt"
	"net/http"
	"net/http/httputil"
	"net/url"
	"os"

	"github.com/gorilla/handlers"
	"github.com/gorilla/mux"
)

func main() {
	listen := flag.String("listen", "127.0.0.1:9300", "address to listen on")
	upstream := flag.String("upstream", "http://127.0.0.1:9101", "the server the router proxies to (the reference oracle)")
	flag.Parse()
	target, err := url.Parse(*upstream)
	if err != nil {
		fmt.Fprintln(os.Stderr, "routerproxy: --upstream:", err)
		os.Exit(2)
	}
	proxy := &httputil.ReverseProxy{
		Director: func(r *http.Request) {
			r.URL.Scheme, r.URL.Host = target.Scheme, target.Host
			if _, ok := r.Header["User-Agent"]; !ok {
				r.Header.Set("User-Agent", "") // the router sends none rather than Go's
			}
		},
		ModifyResponse: func(r *http.Response) error {
			r.Header.Set("X-Powered-By", "authentik")
			r.Header.Del("Server")
			return nil
		},
	}
	router := mux.NewRouter()
	router.Use(handlers.CompressHandler)
	router.Path("/-/health/live/").HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.WriteHeader(http.StatusNoContent)
	})
	router.PathPrefix("/").Handler(proxy)
	fmt.Println("routerproxy: serving on", *listen, "in front of", *upstream)
	if err := http.ListenAndServe(*listen, router); err != nil {
		fmt.Fprintln(os.Stderr, "routerproxy:", err)
		os.Exit(1)
	}
}
