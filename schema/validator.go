package schema

import (
	"bytes"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"slices"
	"sort"
	"strconv"
	"unicode/utf8"

	"github.com/santhosh-tekuri/jsonschema/v5"
)

//go:embed json
var files embed.FS

// baseURL is the made-up absolute URL the embedded files are registered
// under; $ref between files resolves against it and never leaves the
// embedded set.
const baseURL = "https://akmock.invalid/schema/"

// Validator validates response bodies against the embedded schemas. It is
// safe for concurrent use; build it once with [New].
type Validator struct {
	responses  map[opStatus]response
	exceptions map[string]exceptionSchema
	stage      *jsonschema.Schema
	pagination *jsonschema.Schema
}

// opStatus keys a response schema.
type opStatus struct {
	op     string
	status int
}

// response is the compiled schema of one (operation, status); noBody marks a
// status whose schema is false, i.e. one that must have no body; ref is the
// file the status schema refers to as a whole, if it does.
type response struct {
	schema *jsonschema.Schema
	noBody bool
	ref    string
}

// exceptionSchema is the compiled schema of one [Exception].
type exceptionSchema struct {
	schema     *jsonschema.Schema
	status     int
	operations []string
}

// New compiles every embedded schema once: every status of every operation,
// every exception and the component schemas behind [Validator.ValidateStage]
// and [Validator.ValidatePagination]. It fails if a file is not valid JSON or
// not a valid schema, or if a $ref does not resolve inside the embedded files.
func New() (*Validator, error) {
	c := jsonschema.NewCompiler()
	c.Draft = jsonschema.Draft2020
	c.AssertFormat = true
	c.LoadURL = func(u string) (io.ReadCloser, error) {
		return nil, fmt.Errorf("schema: %s is not an embedded schema file", u)
	}
	err := fs.WalkDir(files, "json", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := files.ReadFile(path)
		if err != nil {
			return err
		}
		if err := c.AddResource(baseURL+path[len("json/"):], bytes.NewReader(data)); err != nil {
			return fmt.Errorf("schema: %s: %w", path, err)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}

	v := &Validator{
		responses:  make(map[opStatus]response),
		exceptions: make(map[string]exceptionSchema),
	}
	for _, o := range operations {
		statuses, err := statusDefs(o.file)
		if err != nil {
			return nil, err
		}
		for _, s := range statuses {
			key := opStatus{o.op, s.status}
			if _, dup := v.responses[key]; dup {
				return nil, fmt.Errorf("schema: operation %s status %d defined twice", o.op, s.status)
			}
			if s.noBody {
				v.responses[key] = response{noBody: true}
				continue
			}
			sch, err := c.Compile(baseURL + o.file + "#/$defs/" + strconv.Itoa(s.status))
			if err != nil {
				return nil, fmt.Errorf("schema: operation %s status %d: %w", o.op, s.status, err)
			}
			v.responses[key] = response{schema: sch, ref: s.ref}
		}
	}
	for _, e := range Exceptions {
		if _, dup := v.exceptions[e.Name]; dup {
			return nil, fmt.Errorf("schema: exception %s defined twice", e.Name)
		}
		sch, err := c.Compile(baseURL + e.Schema)
		if err != nil {
			return nil, fmt.Errorf("schema: exception %s: %w", e.Name, err)
		}
		v.exceptions[e.Name] = exceptionSchema{schema: sch, status: e.Status, operations: e.Operations}
	}
	if v.stage, err = c.Compile(baseURL + stageFile); err != nil {
		return nil, fmt.Errorf("schema: %w", err)
	}
	if v.pagination, err = c.Compile(baseURL + paginationFile); err != nil {
		return nil, fmt.Errorf("schema: %w", err)
	}
	return v, nil
}

// statusDef is one status entry of an operation file's $defs: ref is the file
// its schema refers to as a whole ({"$ref": …}), resolved against the json
// directory ("components/UserLoginStage.json"), or "".
type statusDef struct {
	status int
	noBody bool
	ref    string
}

// statusDefs reads the $defs keys of an operation file that are HTTP statuses
// (three digits, 100 to 599); other keys are helper definitions.
func statusDefs(file string) ([]statusDef, error) {
	data, err := files.ReadFile("json/" + file)
	if err != nil {
		return nil, fmt.Errorf("schema: %w", err)
	}
	var doc struct {
		Defs map[string]json.RawMessage `json:"$defs"`
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		return nil, fmt.Errorf("schema: %s: %w", file, err)
	}
	var out []statusDef
	for k, raw := range doc.Defs {
		if len(k) != 3 {
			continue
		}
		n, err := strconv.Atoi(k)
		if err != nil || n < 100 || n > 599 {
			continue
		}
		def := statusDef{status: n, noBody: string(bytes.TrimSpace(raw)) == "false"}
		if ref, ok := wholeRef(raw); ok {
			def.ref = path.Join(path.Dir(file), ref)
		}
		out = append(out, def)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("schema: %s has no status in $defs", file)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].status < out[j].status })
	return out, nil
}

// Has reports whether there is a schema for status of operation op.
func (v *Validator) Has(op string, status int) bool {
	_, ok := v.responses[opStatus{op, status}]
	return ok
}

// Validate checks body, the response of operation op with HTTP status
// status, against its schema. It returns nil or an [*Error]; an (op, status)
// without a schema is an *Error too. A status without body (schema false,
// e.g. 204 of [OpDestroy]) accepts only an empty body.
func (v *Validator) Validate(op string, status int, body []byte) error {
	r, ok := v.responses[opStatus{op, status}]
	if !ok {
		return violation(op, status, fmt.Sprintf("no schema for operation %q status %d", op, status))
	}
	if r.noBody {
		return validateEmpty(op, status, body)
	}
	return validate(r.schema, op, status, body)
}

// wholeRef returns the $ref of a schema that is nothing but a reference: no
// keyword beside it but $comment, title or description, so that the referred
// schema alone decides what passes. Any other keyword, even one that asserts
// nothing, makes it no whole reference (part-wise validation then fails safe).
func wholeRef(raw json.RawMessage) (string, bool) {
	var keywords map[string]json.RawMessage
	if json.Unmarshal(raw, &keywords) != nil {
		return "", false
	}
	var ref string
	if json.Unmarshal(keywords["$ref"], &ref) != nil || ref == "" {
		return "", false
	}
	for k := range keywords {
		switch k {
		case "$ref", "$comment", "title", "description":
		default:
			return "", false
		}
	}
	return ref, true
}

// ValidateException checks that the [Exception] named name (see [Exceptions])
// is one that operation op sends with status, and body against its schema.
// The returned [*Error] carries the exception's name as Op and its status as
// Status.
func (v *Validator) ValidateException(name, op string, status int, body []byte) error {
	e, ok := v.exceptions[name]
	switch {
	case !ok:
		return violation(name, 0, fmt.Sprintf("no exception named %q", name))
	case status != e.status || !slices.Contains(e.operations, op):
		return violation(name, e.status, fmt.Sprintf("exception %q is not one %s sends with status %d", name, op, status))
	}
	return validate(e.schema, name, e.status, body)
}

// StageResponse returns nil when operation op answers status with one stage,
// its schema being the component [Validator.ValidateStage] checks; otherwise
// an [*Error]. A response made of a stored stage is checked with both.
func (v *Validator) StageResponse(op string, status int) error {
	return v.wholeRef(op, status, stageFile)
}

// PageResponse returns nil when operation op answers status with a page of
// stages (components/PaginatedUserLoginStageList.json, whose parts
// [Validator.ValidateStage] and [Validator.ValidatePagination] check);
// otherwise an [*Error].
func (v *Validator) PageResponse(op string, status int) error {
	return v.wholeRef(op, status, pageFile)
}

// StageArrayResponse returns nil when operation op answers status with a bare
// JSON array of stages (components/UserLoginStageArray.json, whose items
// [Validator.ValidateStage] checks); otherwise an [*Error].
func (v *Validator) StageArrayResponse(op string, status int) error {
	return v.wholeRef(op, status, stageArrayFile)
}

func (v *Validator) wholeRef(op string, status int, file string) error {
	if v.responses[opStatus{op, status}].ref != file {
		return violation(op, status, fmt.Sprintf("operation %q status %d is not answered with %s", op, status, file))
	}
	return nil
}

// ValidateStage checks one serialized user login stage (the JSON object of a
// retrieve response, or one item of a list's results) against
// components/UserLoginStage.json, the file the operation schemas reference.
// Keyword locations are relative to that component.
func (v *Validator) ValidateStage(body []byte) error {
	return validate(v.stage, "UserLoginStage", 0, body)
}

// ValidatePagination checks the pagination object of a list response against
// components/Pagination.json, the file the list schema references. Keyword
// locations are relative to that component.
func (v *Validator) ValidatePagination(body []byte) error {
	return validate(v.pagination, "Pagination", 0, body)
}

// validateEmpty checks that body is empty, for a status without body (204).
// op and status only label the [*Error].
func validateEmpty(op string, status int, body []byte) error {
	if len(body) == 0 {
		return nil
	}
	return violation(op, status, fmt.Sprintf("expected no body, got %d bytes", len(body)))
}

// validate decodes body as exactly one JSON value and validates it.
func validate(sch *jsonschema.Schema, op string, status int, body []byte) error {
	inst, err := decode(body)
	if err != nil {
		return violation(op, status, err.Error())
	}
	err = sch.Validate(inst)
	if err == nil {
		return nil
	}
	var ve *jsonschema.ValidationError
	if !errors.As(err, &ve) {
		return violation(op, status, err.Error())
	}
	e := &Error{Op: op, Status: status}
	leaves(ve, &e.Violations)
	sort.SliceStable(e.Violations, func(i, j int) bool {
		a, b := e.Violations[i], e.Violations[j]
		if a.InstanceLocation != b.InstanceLocation {
			return a.InstanceLocation < b.InstanceLocation
		}
		return a.KeywordLocation < b.KeywordLocation
	})
	return e
}

// decode parses body as a single JSON value, numbers as json.Number.
func decode(body []byte) (any, error) {
	if len(body) == 0 {
		return nil, errors.New("empty body, expected JSON")
	}
	if !utf8.Valid(body) {
		return nil, errors.New("body is not valid UTF-8")
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	var inst any
	if err := dec.Decode(&inst); err != nil {
		return nil, fmt.Errorf("body is not valid JSON: %v", err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, errors.New("body is not valid JSON: data after the top-level value")
	}
	return inst, nil
}

// leaves appends the leaf causes of ve's tree to out.
func leaves(ve *jsonschema.ValidationError, out *[]Violation) {
	if len(ve.Causes) == 0 {
		*out = append(*out, Violation{
			KeywordLocation:  ve.KeywordLocation,
			InstanceLocation: ve.InstanceLocation,
			Message:          ve.Message,
		})
		return
	}
	for _, c := range ve.Causes {
		leaves(c, out)
	}
}

// violation builds an [*Error] with a single violation at the body's root.
func violation(op string, status int, msg string) *Error {
	return &Error{Op: op, Status: status, Violations: []Violation{{Message: msg}}}
}
