package mockserver

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"net/http"
	"net/url"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"akmock/fixtures"
	"akmock/fixtures/pyjson"
	"akmock/schema"
)

// ControlPrefix is where akmock's control API lives: a path authentik never serves.
const ControlPrefix = "/_akmock/"

// controlMaxBodyBytes bounds a fixture posted to the control API (the export of 100,000
// generated stages is about 118 MB).
const controlMaxBodyBytes = 256 << 20

// controlRoute is one path of the control API and its methods.
type controlRoute struct {
	path    string
	op      string // the schema of answers to methods the path does not serve
	actions map[string]controlAction
}

// controlAction is one method of a control route, with the query parameters it reads. Any other
// parameter, and any given twice, is refused rather than ignored: a misspelt journal filter
// would list everything, and a filter on a clear would clear everything.
type controlAction struct {
	action
	params []string
}

// journalFilterNames are the query parameters GET /_akmock/requests reads.
var journalFilterNames = []string{"method", "path", "path_prefix", "status"}

// controlRoutes lists the control API. Every route needs the API token (unless authentication
// is off) and answers JSON validated against akmock's own schemas.
func controlRoutes() []controlRoute {
	return []controlRoute{
		{ControlPrefix + "reset", schema.OpControlData, map[string]controlAction{
			http.MethodPost: {action{schema.OpControlData, (*Server).controlReset}, nil},
		}},
		{ControlPrefix + "data", schema.OpControlData, map[string]controlAction{
			http.MethodGet: {action{schema.OpControlExport, (*Server).controlExport}, nil},
			http.MethodPut: {action{schema.OpControlData, (*Server).controlReplace}, nil},
		}},
		{ControlPrefix + "requests", schema.OpControlJournal, map[string]controlAction{
			http.MethodGet:    {action{schema.OpControlJournal, (*Server).controlJournal}, journalFilterNames},
			http.MethodDelete: {action{schema.OpControlJournal, (*Server).controlClearJournal}, nil},
		}},
		{ControlPrefix + "faults", schema.OpControlFaults, map[string]controlAction{
			http.MethodGet:    {action{schema.OpControlFaults, (*Server).controlFaults}, nil},
			http.MethodPost:   {action{schema.OpControlFaults, (*Server).controlAddFault}, nil},
			http.MethodDelete: {action{schema.OpControlFaults, (*Server).controlClearFaults}, nil},
		}},
		{ControlPrefix + "faults/{id}", schema.OpControlFaults, map[string]controlAction{
			http.MethodDelete: {action{schema.OpControlFaults, (*Server).controlDeleteFault}, nil},
		}},
	}
}

// checkControlParams refuses a query string that is malformed, names a parameter the action
// does not read, or gives one twice.
func checkControlParams(c *call, params []string) error {
	q, err := url.ParseQuery(c.r.URL.RawQuery)
	if err != nil {
		return &apiError{status: http.StatusBadRequest, detail: "akmock: the query string is malformed: " + err.Error()}
	}
	request := c.method + " " + c.r.URL.Path
	for _, name := range slices.Sorted(maps.Keys(q)) {
		switch {
		case len(params) == 0:
			return &apiError{status: http.StatusBadRequest, detail: fmt.Sprintf("akmock: %s takes no query parameters (%q given)", request, name)}
		case !slices.Contains(params, name):
			return &apiError{status: http.StatusBadRequest, detail: fmt.Sprintf("akmock: %s takes no parameter %q; it takes %s", request, name, strings.Join(params, ", "))}
		case len(q[name]) > 1:
			return &apiError{status: http.StatusBadRequest, detail: fmt.Sprintf("akmock: %q is given %d times; %s takes one value of each parameter", name, len(q[name]), request)}
		}
	}
	return nil
}

// controlAuthenticate refuses a control request without akmock's token (unless --no-auth).
func (s *Server) controlAuthenticate(c *call) error {
	if s.cfg.NoAuth {
		return nil
	}
	if err := s.authenticate(c); err != nil || !c.authenticated {
		return forbidden("akmock: the control API needs \"Authorization: Bearer <token>\" with akmock's token")
	}
	return nil
}

// controlNotFound answers a path under the control prefix that is no control route: akmock's
// own JSON 404 (not authentik's page, and not journaled: it is no request to authentik's API).
func (s *Server) controlNotFound() http.Handler {
	return s.ownHandler(controlMaxBodyBytes, func(c *call) (response, error) {
		c.op = schema.OpControlData // every control schema has the same GenericError 404
		if err := s.controlAuthenticate(c); err != nil {
			return response{}, err
		}
		var routes []string
		for _, rt := range controlRoutes() {
			routes = append(routes, rt.path)
		}
		return response{}, &apiError{status: http.StatusNotFound, detail: "akmock: no control route here; there are " + strings.Join(routes, ", ")}
	})
}

// allow lists the route's methods for an Allow header, HEAD with GET.
func (rt controlRoute) allow() string {
	var methods []string
	for _, m := range []string{http.MethodGet, http.MethodHead, http.MethodPost, http.MethodPut, http.MethodDelete} {
		if _, ok := rt.actions[m]; ok || m == http.MethodHead && rt.actions[http.MethodGet].handler != nil {
			methods = append(methods, m)
		}
	}
	return strings.Join(methods, ", ")
}

// control serves one control route. HEAD is GET without the body, and every answer names the
// route's methods in an Allow header (a 405 must).
func (s *Server) control(rt controlRoute) http.Handler {
	allow := []string{rt.allow()}
	return s.ownHandler(controlMaxBodyBytes, func(c *call) (response, error) {
		c.op, c.allow = rt.op, allow
		act, ok := rt.actions[c.method]
		if !ok && c.method == http.MethodHead {
			act, ok = rt.actions[http.MethodGet]
		}
		if ok {
			c.op = act.op
		}
		if err := s.controlAuthenticate(c); err != nil {
			return response{}, err
		}
		if !ok {
			return response{}, methodNotAllowed(c.method)
		}
		if err := checkControlParams(c, act.params); err != nil {
			return response{}, err
		}
		return act.handler(s, c)
	})
}

// controlReset serves POST /_akmock/reset: back to the data akmock started with.
func (s *Server) controlReset(c *call) (response, error) {
	return dataSummary(c.op, s.store.Reset().Len()), nil // not Current(): a write may follow at once
}

// controlExport serves GET /_akmock/data: the current stages as a fixture file, made of their
// stored bytes and validated by its parts, as a list page is (decoded whole, the body of a
// million stages, 1.2 GB, took minutes and gigabytes to validate), and like a long list page
// written from them as it is sent.
func (s *Server) controlExport(c *call) (response, error) {
	entries := s.store.Current().Entries()
	resp := response{status: http.StatusOK, op: c.op, stages: entries, bare: true}
	resp.setStagesBody(func(w io.Writer) error {
		return fixtures.WriteFixture(w, len(entries), func(i int) []byte { return entries[i].JSON })
	})
	return resp, nil
}

// controlReplace serves PUT /_akmock/data: the body is a fixture (an array of stages or a list
// response), checked like --fixtures; it replaces all data at once, or nothing on any error.
func (s *Server) controlReplace(c *call) (response, error) {
	if c.bodyTooLarge {
		return response{}, errBodyTooLarge(controlMaxBodyBytes)
	}
	stages, ignored, err := fixtures.LoadNoting("request body", c.body)
	if err != nil {
		return response{}, &apiError{status: http.StatusBadRequest, detail: "akmock: " + err.Error()}
	}
	v, err := s.configuredVersion("request body", stages) // as New takes --fixtures: authentik's defaults too
	if err != nil {
		return response{}, &apiError{status: http.StatusBadRequest, detail: "akmock: " + err.Error()}
	}
	s.store.Publish(v)
	return jsonResponse(c.op, http.StatusOK, replaceSummary(v.Len(), ignored)), nil
}

// maxIgnoredListed bounds the ignored keys an answer names: a newer authentik's export may
// carry a new field in every stage.
const maxIgnoredListed = 10

// replaceSummary is the answer to PUT /_akmock/data: how many stages are served now, and the
// keys of the body that are no field of a stage or flow ([fixtures.LoadNoting]; a misspelt
// field takes its default without a word otherwise): the first maxIgnoredListed in the body's
// order, and how many in all.
func replaceSummary(stages int, ignored []string) []byte {
	b := fmt.Appendf(nil, `{"stages":%d,"ignored":[`, stages)
	for i, note := range ignored[:min(len(ignored), maxIgnoredListed)] {
		if i > 0 {
			b = append(b, ',')
		}
		b = pyjson.AppendString(b, note)
	}
	return fmt.Appendf(b, `],"ignored_count":%d}`, len(ignored))
}

func dataSummary(op string, n int) response {
	return jsonResponse(op, http.StatusOK, fmt.Appendf(nil, `{"stages":%d}`, n))
}

// controlJournal serves GET /_akmock/requests?method=&path=&path_prefix=&status= (the control
// route has refused any other parameter, and any given twice).
func (s *Server) controlJournal(c *call) (response, error) {
	q := c.r.URL.Query()
	f := journalFilter{Method: q.Get("method"), Path: q.Get("path"), PathPrefix: q.Get("path_prefix")}
	for _, p := range [...]struct{ name, value string }{{"path", f.Path}, {"path_prefix", f.PathPrefix}} {
		if p.value != "" && p.value[0] != '/' { // would match nothing: every path starts with one
			return response{}, &apiError{status: http.StatusBadRequest, detail: "akmock: " + p.name + " must start with /"}
		}
	}
	if raw := q.Get("status"); raw != "" {
		n, err := strconv.Atoi(raw)
		if err != nil || n < 100 || n > 599 {
			return response{}, &apiError{status: http.StatusBadRequest, detail: "akmock: status must be an HTTP status code"}
		}
		f.Status = n
	}
	entries, dropped := s.journal.list(f)
	return jsonResponse(c.op, http.StatusOK, journalBody(entries, dropped)), nil
}

// controlClearJournal serves DELETE /_akmock/requests.
func (s *Server) controlClearJournal(c *call) (response, error) {
	s.journal.clear()
	return jsonResponse(c.op, http.StatusOK, journalBody(nil, 0)), nil
}

func journalBody(entries []journalEntry, dropped int64) []byte {
	b := append([]byte(nil), `{"requests":[`...)
	for i, e := range entries {
		if i > 0 {
			b = append(b, ',')
		}
		b = fmt.Appendf(b, `{"seq":%d,"time":`, e.Seq)
		b = pyjson.AppendString(b, e.Time.UTC().Format(time.RFC3339Nano))
		b = append(b, `,"method":`...)
		b = pyjson.AppendString(b, e.Method)
		b = append(b, `,"path":`...)
		b = pyjson.AppendString(b, e.Path)
		b = append(b, `,"query":`...)
		b = pyjson.AppendString(b, e.Query)
		b = append(b, `,"headers":{`...)
		first := true
		for i, name := range journaledHeaders {
			v := e.Headers[i]
			if v == "" {
				continue
			}
			if !first {
				b = append(b, ',')
			}
			first = false
			b = pyjson.AppendString(b, name)
			b = append(b, ':')
			b = pyjson.AppendString(b, v)
		}
		b = append(b, `},"body":`...)
		b = pyjson.AppendString(b, e.Body)
		if !utf8.ValidString(e.Body) { // "body" shows the bytes that are not UTF-8 as U+FFFD
			b = append(b, `,"body_base64":"`...)
			b = base64.StdEncoding.AppendEncode(b, []byte(e.Body))
			b = append(b, '"')
		}
		b = fmt.Appendf(b, `,"body_truncated":%t,"status":%d}`, e.BodyTruncated, e.Status)
	}
	return fmt.Appendf(b, `],"dropped":%d}`, dropped)
}

// faultRequest is the body of POST /_akmock/faults.
type faultRequest struct {
	Operation string   `json:"operation"`
	LatencyMS int64    `json:"latency_ms"`
	Status    *int     `json:"status"`
	Count     *int     `json:"count"`
	Fraction  *float64 `json:"fraction"`
	Seed      *int64   `json:"seed"`
}

// faultKeys are the keys of a fault body, as spelt: encoding/json would also take "Status".
var faultKeys = []string{"operation", "latency_ms", "status", "count", "fraction", "seed"}

// faultKeyProblem says which key of a fault body's object is misspelt or given twice, or "" when
// none is (or the body is no object, which decoding it reports).
func faultKeyProblem(body []byte) string {
	dec := json.NewDecoder(bytes.NewReader(body))
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return ""
	}
	seen := map[string]bool{}
	for dec.More() {
		t, err := dec.Token()
		key, ok := t.(string)
		if err != nil || !ok {
			return ""
		}
		switch {
		case !slices.Contains(faultKeys, key):
			return fmt.Sprintf("unknown field %q", key)
		case seen[key]:
			return fmt.Sprintf("%q is given twice", key)
		}
		seen[key] = true
		var value json.RawMessage
		if dec.Decode(&value) != nil {
			return ""
		}
	}
	return ""
}

// controlAddFault serves POST /_akmock/faults.
func (s *Server) controlAddFault(c *call) (response, error) {
	if c.bodyTooLarge {
		return response{}, errBodyTooLarge(controlMaxBodyBytes)
	}
	var fr faultRequest
	dec := json.NewDecoder(bytes.NewReader(c.body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&fr); err != nil {
		return response{}, badFaultBody(faultBodyProblem(err))
	}
	if _, err := dec.Token(); err != io.EOF {
		return response{}, badFaultBody("content after the object")
	}
	if problem := faultKeyProblem(c.body); problem != "" {
		return response{}, badFaultBody(problem)
	}
	rule := faultRule{Operation: fr.Operation, LatencyMS: fr.LatencyMS, Remaining: fr.Count, Seed: defaultFaultSeed}
	if fr.Seed != nil {
		rule.Seed = *fr.Seed
	}
	if fr.Status != nil {
		rule.Status = *fr.Status
		if rule.Status == 0 { // the rule's "no status"; given, it is a status that cannot be injected
			return response{}, &apiError{status: http.StatusBadRequest, detail: "akmock: " + errStatusNotInjectable(0).Error()}
		}
	}
	if fr.Fraction != nil {
		rule.Fraction = *fr.Fraction
		if rule.Fraction == 0 {
			return response{}, &apiError{status: http.StatusBadRequest, detail: "akmock: \"fraction\" must be above 0"}
		}
	}
	if err := s.faults.add(rule); err != nil {
		return response{}, &apiError{status: http.StatusBadRequest, detail: "akmock: " + err.Error()}
	}
	return s.controlFaults(c)
}

// badFaultBody is the 400 for a fault body that is not a fault.
func badFaultBody(problem string) error {
	return &apiError{status: http.StatusBadRequest, detail: `akmock: a fault is {"operation", "latency_ms", "status", "count", "fraction", "seed"}: ` + problem}
}

// faultBodyProblem says what is wrong with a fault body encoding/json refused, in the terms of
// the body rather than of Go's types.
func faultBodyProblem(err error) string {
	var typeErr *json.UnmarshalTypeError
	var syntaxErr *json.SyntaxError
	switch {
	case errors.As(err, &typeErr) && typeErr.Field == "":
		return "the body must be a JSON object"
	case errors.As(err, &typeErr):
		want := "an integer"
		switch typeErr.Type.Kind() {
		case reflect.String:
			want = "a string"
		case reflect.Float64:
			want = "a number"
		case reflect.Int, reflect.Int64:
			if n, ok := strings.CutPrefix(typeErr.Value, "number "); ok && strings.Trim(n, "-0123456789") == "" {
				want = "a 64-bit integer" // an integer, but out of range
			}
		}
		return fmt.Sprintf("%q must be %s, not %s", typeErr.Field, want, typeErr.Value)
	case errors.As(err, &syntaxErr), errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return "the body is not valid JSON"
	}
	return strings.TrimPrefix(err.Error(), "json: ") // unknown field "x"
}

// controlDeleteFault serves DELETE /_akmock/faults/{id}: the rule goes, the others stay; the
// answer lists them.
func (s *Server) controlDeleteFault(c *call) (response, error) {
	raw := strings.TrimPrefix(c.r.URL.Path, ControlPrefix+"faults/")
	id, err := strconv.ParseInt(raw, 10, 64)
	if err != nil || strconv.FormatInt(id, 10) != raw || !s.faults.remove(id) { // "+1", "01": no id GET faults shows
		return response{}, &apiError{status: http.StatusNotFound, detail: fmt.Sprintf("akmock: no fault rule %q; GET %sfaults lists them", raw, ControlPrefix)}
	}
	return s.controlFaults(c)
}

// controlFaults serves GET /_akmock/faults.
func (s *Server) controlFaults(c *call) (response, error) {
	b := append([]byte(nil), `{"faults":[`...)
	for i, r := range s.faults.list() {
		if i > 0 {
			b = append(b, ',')
		}
		b = fmt.Appendf(b, `{"id":%d,"operation":`, r.ID)
		b = pyjson.AppendString(b, r.Operation)
		b = fmt.Appendf(b, `,"latency_ms":%d,"status":`, r.LatencyMS)
		if r.Status == 0 {
			b = append(b, "null"...) // latency only
		} else {
			b = strconv.AppendInt(b, int64(r.Status), 10)
		}
		b = append(b, `,"remaining":`...)
		if r.Remaining == nil {
			b = append(b, "null"...)
		} else {
			b = strconv.AppendInt(b, int64(*r.Remaining), 10)
		}
		b = append(b, `,"fraction":`...)
		b = pyjson.AppendFloat(b, r.Fraction)
		b = fmt.Appendf(b, `,"seed":%d}`, r.Seed)
	}
	return jsonResponse(c.op, http.StatusOK, append(b, "]}"...)), nil
}

// controlClearFaults serves DELETE /_akmock/faults.
func (s *Server) controlClearFaults(c *call) (response, error) {
	s.faults.clear()
	return s.controlFaults(c)
}
