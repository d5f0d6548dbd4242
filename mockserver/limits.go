package mockserver

import (
	"net/http"
	"strings"
)

// maxURIBytes is the longest request target (path and query string, as sent) akmock serves; a
// longer one is refused with 414 before routing. 32 KiB is far beyond what clients send (browsers
// and proxies commonly stop at 8 KiB), and leaves room for a query string of ten thousand
// one-letter parameters, which reaches Django's own 1000-field check (400). The HTTP server's
// MaxHeaderBytes (cmd/akmock) bounds the request line too, so this limit only matters between
// 32 KiB and about 68 KiB; behind it, Go's server answers 431 itself.
const maxURIBytes = 32 << 10

// limitURI answers 414 with a GenericError body, validated like every other answer, to a request
// whose target is longer than [maxURIBytes]; other requests go on to next. The request body is
// left unread and the request is not journaled: it never reaches authentik's routes.
func (s *Server) limitURI(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if len(requestTarget(r)) > maxURIBytes {
			s.ownHandler(0, uriTooLong).ServeHTTP(w, r)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// uriTooLong is the handler of a request refused by [Server.limitURI].
func uriTooLong(c *call) (response, error) {
	c.op = uriLimitOp(c.r.URL.Path, c.method)
	return response{}, errURITooLong()
}

// requestTarget is the request target (path and query) as the client sent it; for a request
// built in process without one, its URL's.
func requestTarget(r *http.Request) string {
	if r.RequestURI != "" {
		return r.RequestURI
	}
	return r.URL.RequestURI()
}

// uriLimitOp is the operation whose schema checks a 414: the one the path and method would have
// reached. Every operation documents 414 as a GenericError; a path outside authentik's routes has
// no operation of its own and is checked with the list's.
func uriLimitOp(path, method string) string {
	rt := routeList
	if rest, ok := strings.CutPrefix(path, apiPrefix); ok {
		if r, _, ok := viewRoute(rest); ok {
			rt = r
		}
	}
	if act, ok := routeTable[rt].actions[method]; ok {
		return act.op
	}
	return defaultOp[rt]
}
