package mockserver

import (
	"crypto/subtle"
	"errors"
	"net/http"
	"slices"
	"strings"
	"unicode/utf8"

	"akmock/mockserver/query"
	"akmock/schema"
)

// route is one of the URL patterns DRF's router makes for authentik's viewset.
type route int

const (
	routeList route = iota
	routeDetail
	routeUsedBy
)

// Operation IDs of authentik's OpenAPI document; the schema of each response is looked up by them.
const (
	opList          = schema.OpList
	opCreate        = schema.OpCreate
	opRetrieve      = schema.OpRetrieve
	opUpdate        = schema.OpUpdate
	opPartialUpdate = schema.OpPartialUpdate
	opDestroy       = schema.OpDestroy
	opUsedBy        = schema.OpUsedByList
	// opMetadata is not in authentik's OpenAPI document: DRF's OPTIONS metadata.
	opMetadata = schema.OpOptionsMetadata
)

// action is what a route does for one method: a viewset action, or a control API handler.
type action struct {
	op      string
	handler func(s *Server, c *call) (response, error)
}

// routeInfo is a route's method → action map (DRF's ViewSet.as_view actions, with HEAD as GET)
// and the Allow header DRF sends for it.
type routeInfo struct {
	allow   []string
	actions map[string]action
}

var routeTable = [...]routeInfo{
	routeList: {allow: []string{"GET, POST, HEAD, OPTIONS"}, actions: map[string]action{
		http.MethodGet:     {opList, (*Server).handleList},
		http.MethodHead:    {opList, (*Server).handleList},
		http.MethodPost:    {opCreate, (*Server).handleCreate},
		http.MethodOptions: {opList, (*Server).handleMetadata},
	}},
	routeDetail: {allow: []string{"GET, PUT, PATCH, DELETE, HEAD, OPTIONS"}, actions: map[string]action{
		http.MethodGet:     {opRetrieve, (*Server).handleRetrieve},
		http.MethodHead:    {opRetrieve, (*Server).handleRetrieve},
		http.MethodPut:     {opUpdate, (*Server).handleUpdate},
		http.MethodPatch:   {opPartialUpdate, (*Server).handlePartialUpdate},
		http.MethodDelete:  {opDestroy, (*Server).handleDestroy},
		http.MethodOptions: {opRetrieve, (*Server).handleMetadata},
	}},
	routeUsedBy: {allow: []string{"GET, HEAD, OPTIONS"}, actions: map[string]action{
		http.MethodGet:     {opUsedBy, (*Server).handleUsedBy},
		http.MethodHead:    {opUsedBy, (*Server).handleUsedBy},
		http.MethodOptions: {opUsedBy, (*Server).handleMetadata},
	}},
}

// defaultOp is the operation whose schemas cover a route's answers to methods it does not map.
var defaultOp = [...]string{routeList: opList, routeDetail: opRetrieve, routeUsedBy: opUsedBy}

// listPermissionMethods are the methods authentik's ObjectPermissions (DRF's perms_map) knows;
// on a list route any other method is refused with 405 before the user is even looked at.
var listPermissionMethods = map[string]bool{
	http.MethodGet: true, http.MethodOptions: true, http.MethodHead: true, http.MethodPost: true,
	http.MethodPut: true, http.MethodPatch: true, http.MethodDelete: true,
}

// viewRoute tells the viewset's URL patterns apart, as DRF's router matches them below its
// prefix: "" (list), "<pk>/" (detail) and "<pk>/used_by/", where pk is [^/.]+.
func viewRoute(rest string) (rt route, pk string, ok bool) {
	if rest == "" {
		return routeList, "", true
	}
	pk, tail, _ := strings.Cut(rest, "/")
	if pk == "" || strings.IndexByte(pk, '.') >= 0 {
		return 0, "", false
	}
	switch tail {
	case "":
		if strings.HasSuffix(rest, "/") {
			return routeDetail, pk, true
		}
	case "used_by/":
		return routeUsedBy, pk, true
	}
	return 0, "", false
}

// viewset serves authentik's viewset in the order DRF's APIView.dispatch runs, after the Host
// check every authentik route makes ([Server.apiHandler]): the query string (Django refuses more
// than 1000 fields), content negotiation (format, Accept), authentication, permissions, then the
// action bound to the method. A path below the prefix that no pattern matches is authentik's 404
// page.
func (s *Server) viewset() http.Handler {
	return s.apiHandler(func(c *call) (response, error) {
		rt, pk, ok := viewRoute(strings.TrimPrefix(c.r.URL.Path, apiPrefix))
		if !ok {
			return response{}, errRouteNotFound
		}
		info := routeTable[rt]
		act, bound := info.actions[c.method]
		c.route, c.pk, c.allow = rt, pk, info.allow
		c.op = defaultOp[rt]
		if bound {
			c.op = act.op
		}
		if bound && c.method != http.MethodOptions { // OPTIONS, or a method the route does not serve (405), is no operation a fault names
			if err := s.injectFault(c.r.Context(), c.op); err != nil {
				return response{}, err
			}
		}
		values, err := query.ParseValues(c.r.URL.RawQuery)
		if errors.Is(err, query.ErrTooManyFields) {
			return response{}, &djangoError{status: http.StatusBadRequest, cause: err.Error()}
		} else if err != nil {
			return response{}, err
		}
		c.values = values
		if c.indent, err = negotiate(values, c.r.Header); err != nil {
			return response{}, err
		}
		if err := s.authenticate(c); err != nil {
			return response{}, err
		}
		if rt == routeList {
			if !listPermissionMethods[c.method] {
				return response{}, methodNotAllowed(c.method)
			}
			if !c.authenticated {
				return response{}, errNotAuthenticated
			}
		}
		if !bound {
			return response{}, methodNotAllowed(c.method)
		}
		return act.handler(s, c)
	})
}

// negotiate is DRF's DefaultContentNegotiation with authentik's single renderer (orjson,
// media type application/json, format "json"): a `format` parameter other than "json" is a 404,
// an Accept header that admits no application/json a 406. It reports whether the renderer
// indents its output: drf-orjson-renderer 1.7.x adds orjson's OPT_INDENT_2 when the accepted
// media type ([acceptedMediaType]) mentions text/html.
func negotiate(values query.Values, h http.Header) (indent bool, err error) {
	if f := values["format"]; f != "" && f != "json" {
		return false, errNotFound
	}
	accept, present := h["Accept"]
	if !present {
		return false, nil // DRF reads "*/*": the accepted media type is "application/json"
	}
	mediaType, ok := acceptedMediaType(latin1(strings.Join(accept, ",")))
	if !ok {
		return false, errNotAcceptable
	}
	return strings.Contains(mediaType, "text/html"), nil
}

// acceptedMediaType is DRF's request.accepted_media_type for authentik's one renderer, from an
// Accept header as Django gives it: of the entries that admit application/json, one of the
// highest precedence ([mediaType.precedence]); given as sent when it is at least as precise as
// "application/json", else that type followed by the entry's parameters (";q=0.8"). DRF takes
// one of several such entries of equal precedence from a Python set, so at random across
// authentik's processes; akmock takes the first. It reports false when no entry admits JSON.
func acceptedMediaType(accept string) (string, bool) {
	// Each entry is parsed once, not once per precedence; only those that admit JSON are kept.
	type candidate struct {
		entry string
		mt    mediaType
	}
	var candidates []candidate
	for entry := range strings.SplitSeq(accept, ",") {
		entry = query.PyStrip(entry)
		if mt := parseMediaType(entry); mt.admitsJSON() {
			candidates = append(candidates, candidate{entry, mt})
		}
	}
	for precedence := 3; precedence >= 0; precedence-- {
		for _, c := range candidates {
			if c.mt.precedence() != precedence {
				continue
			}
			if precedence >= 2 {
				return c.entry, true
			}
			var accepted strings.Builder // not +=, which copies the text so far for each parameter
			accepted.WriteString("application/json")
			for _, p := range c.mt.params {
				accepted.WriteString(";")
				accepted.WriteString(p[0])
				accepted.WriteString("=")
				accepted.WriteString(p[1])
			}
			return accepted.String(), true
		}
	}
	return "", false
}

// mediaType is one Accept entry as DRF's _MediaType reads it with Django's
// parse_header_parameters: the type lower-cased, and the parameters in the order they first
// appear, each name lower-cased and holding its last value. (RFC 2231 "name*" values are kept
// as sent, not decoded.)
type mediaType struct {
	main, sub string
	params    [][2]string
}

func parseMediaType(entry string) mediaType {
	pieces := splitParams(entry)
	var mt mediaType
	mt.main, mt.sub, _ = strings.Cut(strings.ToLower(pieces[0]), "/")
	var index map[string]int // by name, when there are more than paramsScanned parameters
	if len(pieces) > paramsScanned+1 {
		index = make(map[string]int, len(pieces))
	}
	for _, p := range pieces[1:] {
		name, value, ok := strings.Cut(p, "=")
		if !ok {
			continue
		}
		name = strings.TrimSuffix(strings.ToLower(query.PyStrip(name)), "*")
		value = query.PyStrip(value)
		if len(value) >= 2 && value[0] == '"' && value[len(value)-1] == '"' {
			value = strings.ReplaceAll(strings.ReplaceAll(value[1:len(value)-1], `\\`, `\`), `\"`, `"`)
		}
		i := -1
		if index == nil {
			i = slices.IndexFunc(mt.params, func(kv [2]string) bool { return kv[0] == name })
		} else if j, seen := index[name]; seen {
			i = j
		}
		if i >= 0 {
			mt.params[i][1] = value
			continue
		}
		if index != nil {
			index[name] = len(mt.params)
		}
		mt.params = append(mt.params, [2]string{name, value})
	}
	return mt
}

// paramsScanned is the most parameters [parseMediaType] searches one by one for a repeated
// name; an entry with more is read with an index (a header of thousands of distinct
// parameters took a quadratic search).
const paramsScanned = 8

// precedence is _MediaType.precedence: 0 for */*, 1 for type/*, 2 for a full type with no
// parameter but q, 3 for one with others.
func (mt mediaType) precedence() int {
	switch {
	case mt.main == "*":
		return 0
	case mt.sub == "*":
		return 1
	case len(mt.params) == 0 || len(mt.params) == 1 && mt.params[0][0] == "q":
		return 2
	}
	return 3
}

// admitsJSON is DRF's media_type_matches("application/json", entry): type and subtype equal or
// "*"; the entry's parameters do not matter.
func (mt mediaType) admitsJSON() bool {
	return (mt.main == "*" || mt.main == "application") && (mt.sub == "*" || mt.sub == "json")
}

// asciiEqualFold reports whether s equals the lower-case ASCII word lower with its letters in any
// case. For a word without a k this is exactly Python's s.lower() == lower: the only character
// outside ASCII whose lower-case form is ASCII is the Kelvin sign (k).
func asciiEqualFold(s, lower string) bool {
	if len(s) != len(lower) {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != lower[i] {
			return false
		}
	}
	return true
}

// authenticate is authentik's TokenAuthentication (authentik/api/authentication.py): the header
// value is stripped; empty or without a space it is anonymous; a scheme other than "bearer" (any
// case) or a token other than the configured one is refused with 403. Header bytes that are not
// UTF-8 make authentik's decode() fail: an unhandled error.
func (s *Server) authenticate(c *call) error {
	if s.cfg.NoAuth {
		c.authenticated = true
		return nil
	}
	raw := strings.Join(c.r.Header.Values("Authorization"), ",")
	if !utf8.ValidString(raw) {
		return &djangoError{status: http.StatusInternalServerError, cause: "Authorization header is not UTF-8"}
	}
	value := query.PyStrip(raw)
	if value == "" || !strings.Contains(value, " ") {
		return nil
	}
	scheme, token, _ := strings.Cut(value, " ")
	if !asciiEqualFold(scheme, "bearer") {
		return forbidden(msgUnsupportedAuth)
	}
	if token == "" {
		return forbidden(msgMalformedAuth)
	}
	if subtle.ConstantTimeCompare([]byte(token), []byte(s.cfg.Token)) != 1 {
		return forbidden(msgTokenInvalid)
	}
	c.authenticated = true
	return nil
}
