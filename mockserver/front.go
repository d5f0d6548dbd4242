package mockserver

import (
	"errors"

	"akmock/mockserver/query"
)

// djangoChecks runs h behind what authentik's stack checks of every request before Django's
// views, in its order: the request line as its ASGI server parses it ([knownMethod]), the query
// string decoded as UTF-8 while Django builds the request ([query.CheckEncoding]), then the host
// Django sees ([hostDjangoSees]) in authentik's first middleware ([checkHost]).
func djangoChecks(h handlerFunc) handlerFunc {
	return func(c *call) (response, error) {
		if !knownMethod[c.method] {
			return response{}, errInvalidRequest
		}
		if err := query.CheckEncoding(c.r.URL.RawQuery); err != nil {
			return response{}, err
		}
		if err := checkHost(hostDjangoSees(c.r)); err != nil {
			return response{}, err
		}
		return h(c)
	}
}

// knownMethod holds the methods authentik's ASGI server accepts: uvicorn parses requests with
// httptools (authentik's worker settings), whose llhttp knows these, spelt exactly so (upper
// case). authentik's Go router passes any method on; uvicorn refuses the others
// ([errInvalidRequest]), a lower-case "get" too, before Django sees them.
var knownMethod = map[string]bool{
	"DELETE": true, "GET": true, "HEAD": true, "POST": true, "PUT": true, "CONNECT": true,
	"OPTIONS": true, "TRACE": true, "COPY": true, "LOCK": true, "MKCOL": true, "MOVE": true,
	"PROPFIND": true, "PROPPATCH": true, "SEARCH": true, "UNLOCK": true, "BIND": true,
	"REBIND": true, "UNBIND": true, "ACL": true, "REPORT": true, "MKACTIVITY": true,
	"CHECKOUT": true, "MERGE": true, "M-SEARCH": true, "NOTIFY": true, "SUBSCRIBE": true,
	"UNSUBSCRIBE": true, "PATCH": true, "PURGE": true, "MKCALENDAR": true, "LINK": true,
	"UNLINK": true, "SOURCE": true, "QUERY": true,
}

// errInvalidRequest is a request uvicorn's parser refuses: uvicorn answers 400 with the plain
// text "Invalid HTTP request received." and closes the connection.
var errInvalidRequest = errors.New("uvicorn: invalid HTTP request (unknown method)")
