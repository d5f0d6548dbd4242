package mockserver

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"

	"akmock/fixtures/pyjson"
	"akmock/mockserver/query"
	"akmock/mockserver/serializer"
	"akmock/schema"
)

// Texts of authentik's GenericError bodies (DRF 3.16 and authentik's authentication class), as
// recorded from the reference oracle (testdata/golden).
const (
	msgNotAuthenticated  = "Authentication credentials were not provided."
	msgNoPermission      = "You do not have permission to perform this action."
	msgUnsupportedAuth   = "Unsupported authentication type"
	msgMalformedAuth     = "Malformed header"
	msgTokenInvalid      = "Token invalid/expired"
	msgNotFound          = "Not found."
	msgNoMatch           = "No UserLoginStage matches the given query."
	msgNotAcceptable     = "Could not satisfy the request Accept header."
	msgInvalidPage       = "Invalid page."
	msgMethodNotAllowed  = "Method \"%s\" not allowed."
	msgUnsupportedMedia  = "Unsupported media type \"%s\" in request."
	msgRequestTooLarge   = "Request body exceeds the maximum size of %d bytes."
	msgFlowSetTooLong    = "akmock: flow_set holds %d items, more than the %d akmock reads (authentik refuses flow_set in every write)."
	msgTooManyValues     = "akmock: the body holds more than %d JSON values and keys, the most akmock reads (a stage's body holds a few dozen)."
	htmlErrorPageFormat  = "<!DOCTYPE html><html><head><title>%[1]s</title></head><body><h1>%[1]s</h1></body></html>"
	contentTypeJSON      = "application/json; charset=utf-8"
	contentTypeHTML      = "text/html; charset=utf-8"
	contentTypePlain     = "text/plain; charset=utf-8"
	msgInvalidRequest    = "Invalid HTTP request received." // uvicorn's
	allowErrorPageMethod = "GET, HEAD, OPTIONS"
)

// apiError is a DRF APIException: a status and a GenericError {"detail": …} body.
type apiError struct {
	status int
	detail string
}

func (e *apiError) Error() string { return fmt.Sprintf("%d %s", e.status, e.detail) }

var (
	errNotAuthenticated = &apiError{status: http.StatusForbidden, detail: msgNotAuthenticated}
	errNoPermission     = &apiError{status: http.StatusForbidden, detail: msgNoPermission}
	errNotFound         = &apiError{status: http.StatusNotFound, detail: msgNotFound}
	errNoMatch          = &apiError{status: http.StatusNotFound, detail: msgNoMatch}
	errNotAcceptable    = &apiError{status: http.StatusNotAcceptable, detail: msgNotAcceptable}
)

func forbidden(detail string) *apiError {
	return &apiError{status: http.StatusForbidden, detail: detail}
}

// errTooManyValues is akmock's 413 for a write body of more than limit JSON values and keys.
func errTooManyValues(limit int) *apiError {
	return &apiError{status: http.StatusRequestEntityTooLarge, detail: fmt.Sprintf(msgTooManyValues, limit)}
}

// errFlowSetTooLong is akmock's 413 for a write whose flow_set holds items, more than
// maxFlowSetItems.
func errFlowSetTooLong(items int) *apiError {
	return &apiError{status: http.StatusRequestEntityTooLarge, detail: fmt.Sprintf(msgFlowSetTooLong, items, maxFlowSetItems)}
}

// errBodyTooLarge is akmock's 413 for a request body over limit bytes.
func errBodyTooLarge(limit int64) *apiError {
	return &apiError{status: http.StatusRequestEntityTooLarge, detail: fmt.Sprintf(msgRequestTooLarge, limit)}
}

// errUnsupportedMedia is DRF's UnsupportedMediaType for the request's content type ct.
func errUnsupportedMedia(ct string) *apiError {
	return &apiError{status: http.StatusUnsupportedMediaType, detail: fmt.Sprintf(msgUnsupportedMedia, ct)}
}

// msgURITooLong is akmock's 414 detail. authentik itself has no such answer of its own: a long
// URL is refused by whatever proxy or server is in front of Django, each with its own page.
const msgURITooLong = "Request URI exceeds the maximum length of %d bytes."

// errURITooLong is akmock's 414 for a request target over [maxURIBytes].
func errURITooLong() *apiError {
	return &apiError{status: http.StatusRequestURITooLong, detail: fmt.Sprintf(msgURITooLong, maxURIBytes)}
}

// methodNotAllowed is DRF's MethodNotAllowed.
func methodNotAllowed(method string) *apiError {
	return &apiError{status: http.StatusMethodNotAllowed, detail: fmt.Sprintf(msgMethodNotAllowed, method)}
}

// djangoError is an error DRF does not handle: Django answers it with authentik's error page
// for the status. authentik 2025.6's error views implement GET only, so other methods get their
// own 405 (or, for OPTIONS, 200) instead; see [errorPage].
type djangoError struct {
	status int
	cause  string
}

func (e *djangoError) Error() string { return fmt.Sprintf("%d %s", e.status, e.cause) }

var errRouteNotFound = &djangoError{status: http.StatusNotFound, cause: "no route"}

// hostRefused is a Host Django's get_host() refuses. The first of authentik's middleware,
// django-tenants' DefaultTenantMiddleware, reads the host before anything else runs and answers
// that refusal with an empty 404 (HttpResponseNotFound), whatever the method and route.
type hostRefused struct{ host string }

func (e *hostRefused) Error() string { return "invalid Host header " + e.host }

// errorResponse renders any error a handler returns; it is the only place that maps errors to
// statuses and bodies.
func errorResponse(c *call, err error) response {
	var (
		api       *apiError
		fields    *query.Error
		dj        *djangoError
		host      *hostRefused
		fault     *faultError
		invalid   *serializer.Error
		unhandled *serializer.Unhandled
	)
	switch {
	case errors.As(err, &api):
		return jsonResponse(c.op, api.status, detailBody(api.detail))
	case errors.As(err, &fields):
		return jsonResponse(c.op, http.StatusBadRequest, filterErrorBody(fields))
	case errors.As(err, &invalid):
		return jsonResponse(c.op, http.StatusBadRequest, invalid.AppendJSON(nil))
	case errors.As(err, &unhandled):
		c.server.log.Info("authentik would fail with an unhandled exception here", "cause", unhandled.Cause)
		return errorPage(c.method, http.StatusInternalServerError)
	case errors.Is(err, query.ErrSearchNull):
		r := jsonResponse(c.op, http.StatusBadRequest, pyjson.AppendString([]byte{'['}, query.MsgNullCharacter))
		r.body = append(r.body, ']')
		r.exception = schema.ExceptionSearchNullCharacter
		return r
	case errors.Is(err, query.ErrInvalidPage):
		return jsonResponse(c.op, http.StatusNotFound, detailBody(msgInvalidPage))
	case errors.Is(err, query.ErrOrderingFlowSet), errors.Is(err, query.ErrEndIndexOverflow):
		return errorPage(c.method, http.StatusInternalServerError)
	case errors.As(err, &dj):
		return errorPage(c.method, dj.status)
	case errors.As(err, &host):
		return emptyBeforeMiddleware(http.StatusNotFound)
	case errors.Is(err, query.ErrNotUTF8):
		return emptyBeforeMiddleware(http.StatusBadRequest) // ASGIHandler's HttpResponseBadRequest
	case errors.Is(err, errInvalidRequest):
		return response{status: http.StatusBadRequest, contentType: contentTypePlain, body: []byte(msgInvalidRequest), page: true, beforeMiddleware: true}
	case errors.As(err, &fault):
		return faultResponse(c, fault.status)
	default:
		c.server.log.Error("unexpected error", "method", c.method, "path", requestTarget(c.r), "error", err)
		return errorPage(c.method, http.StatusInternalServerError)
	}
}

// emptyBeforeMiddleware is Django's answer to a request it refuses before its middleware (or in
// its first): an empty HTML response with the status, without the headers later middleware and
// DRF add, and without the Content-Length Django's CommonMiddleware would have set.
func emptyBeforeMiddleware(status int) response {
	return response{status: status, contentType: contentTypeHTML, page: true, beforeMiddleware: true, unsized: true}
}

// errorPageTitles are the titles of authentik's error pages (authentik/core/views/error.py).
var errorPageTitles = map[int]string{400: "Bad Request", 403: "Forbidden", 404: "Not Found", 500: "Server Error"}

// errorPage is what authentik 2025.6's Django error views answer: an HTML page with the status
// for GET and HEAD, 200 with an Allow header for OPTIONS (Django's View.options), and for every
// other method a 405 with an empty body, because those views implement GET only.
func errorPage(method string, status int) response {
	h := http.Header{"Allow": {allowErrorPageMethod}}
	switch method {
	case http.MethodGet, http.MethodHead:
		title := errorPageTitles[status]
		if title == "" {
			title = http.StatusText(status)
		}
		return response{status: status, contentType: contentTypeHTML, body: fmt.Appendf(nil, htmlErrorPageFormat, title), page: true}
	case http.MethodOptions:
		return response{status: http.StatusOK, contentType: contentTypeHTML, header: h, page: true}
	default:
		return response{status: http.StatusMethodNotAllowed, contentType: contentTypeHTML, header: h, page: true}
	}
}

func detailBody(detail string) []byte {
	b := append([]byte(nil), `{"detail":`...)
	b = pyjson.AppendString(b, detail)
	return append(b, '}')
}

// filterErrorBody renders django-filter's errors as the ValidationError they become:
// {"<field>": ["<message>", …], …} in field order, written by the one renderer of DRF details.
func filterErrorBody(e *query.Error) []byte {
	fields := make([]serializer.Field, len(e.Fields))
	for i, f := range e.Fields {
		fields[i] = serializer.Field{Name: f.Field, Detail: serializer.Detail{Messages: f.Messages}}
	}
	return serializer.Detail{Fields: fields}.AppendJSON(nil)
}

// faultResponse is authentik's answer for an injected status: DRF's default detail for the
// exception that status stands for, or the error page for 500.
func faultResponse(c *call, status int) response {
	switch status {
	case http.StatusBadRequest:
		return jsonResponse(c.op, status, []byte(`{"non_field_errors":["Invalid input."]}`))
	case http.StatusForbidden:
		return jsonResponse(c.op, status, detailBody(msgNoPermission))
	case http.StatusNotFound:
		return jsonResponse(c.op, status, detailBody(msgNotFound))
	case http.StatusTooManyRequests:
		return jsonResponse(c.op, status, detailBody("Request was throttled."))
	case http.StatusServiceUnavailable:
		return jsonResponse(c.op, status, detailBody("Service temporarily unavailable, try again later."))
	default:
		return errorPage(c.method, status)
	}
}

// violationResponse is akmock's own 500 for a response that failed its schema: which keyword
// failed at which location; against names the schema checked when it was not the operation's
// own for the status (a stored stage's, the pagination object's, an exception's).
func violationResponse(se *schema.Error, against string) response {
	detail := "akmock: the response (" + strconv.Itoa(se.Status) + " for " + se.Op + ") does not match authentik's schema"
	if against != "" {
		detail += " (" + against + ")"
	}
	b := append([]byte(nil), `{"detail":`...)
	b = pyjson.AppendString(b, detail)
	b = append(b, `,"errors":[`...)
	for i, v := range se.Violations {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, `{"keywordLocation":`...)
		b = pyjson.AppendString(b, v.KeywordLocation)
		b = append(b, `,"instanceLocation":`...)
		b = pyjson.AppendString(b, v.InstanceLocation)
		b = append(b, `,"message":`...)
		b = pyjson.AppendString(b, v.Message)
		b = append(b, '}')
	}
	b = append(b, "]}"...)
	return response{status: http.StatusInternalServerError, body: b, op: schema.OpSchemaViolation}
}
