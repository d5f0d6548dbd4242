package schema_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"akmock/schema"
)

// Recorded oracle bodies used as bases for the negative cases.
const (
	stageFile      = "testdata/stages_user_login_retrieve/200-three-flows.json"
	listFile       = "testdata/stages_user_login_list/200-page3-25stages.json"
	usedByFile     = "testdata/stages_user_login_used_by_list/200-three-flows.json"
	genericFile    = "testdata/stages_user_login_list/404-invalid-page.json"
	validationFile = "testdata/stages_user_login_list/400-filter-errors.json"
	nulFile        = "testdata/exceptions/search-null-character/list.json"
)

// mustValidator returns a Validator or stops the test.
func mustValidator(t testing.TB) *schema.Validator {
	t.Helper()
	v, err := schema.New()
	require.NoError(t, err)
	return v
}

// exceptionNamed returns the entry of schema.Exceptions named name or stops the test.
func exceptionNamed(t testing.TB, name string) schema.Exception {
	t.Helper()
	for _, e := range schema.Exceptions {
		if e.Name == name {
			return e
		}
	}
	t.Fatalf("no exception named %q", name)
	return schema.Exception{}
}

// mustRead returns a testdata file's bytes or stops the test.
func mustRead(t testing.TB, file string) []byte {
	t.Helper()
	b, err := os.ReadFile(file)
	require.NoError(t, err)
	return b
}

// mustSchemaError asserts that err is a *schema.Error and returns it.
func mustSchemaError(t testing.TB, err error) *schema.Error {
	t.Helper()
	var se *schema.Error
	require.True(t, errors.As(err, &se), "want *schema.Error, got %T %v", err, err)
	require.NotEmpty(t, se.Violations)
	return se
}

// errorStatuses lists every status the authentik operations answer with a
// schema besides their success status: OpenAPI's 400 and 403, authentik's
// undocumented 404, 405 and 406, and akmock's 414, 429 and 503. writeStatuses
// adds what only an operation that reads a body answers: authentik's 415 and
// akmock's 413.
var (
	errorStatuses = []int{400, 403, 404, 405, 406, 414, 429, 503}
	writeStatuses = append([]int{413, 415}, errorStatuses...)
)

// controlStatuses are the statuses of akmock's control API.
var controlStatuses = []int{200, 400, 403, 404, 405, 413, 415}

// TestTable checks, for every status from 100 to 599, that exactly the
// expected (operation, status) pairs have a schema.
func TestTable(t *testing.T) {
	v := mustValidator(t)
	want := map[string][]int{
		schema.OpList:            append([]int{200}, errorStatuses...),
		schema.OpCreate:          append([]int{201}, writeStatuses...),
		schema.OpRetrieve:        append([]int{200}, errorStatuses...),
		schema.OpUpdate:          append([]int{200}, writeStatuses...),
		schema.OpPartialUpdate:   append([]int{200}, writeStatuses...),
		schema.OpDestroy:         append([]int{204}, errorStatuses...),
		schema.OpUsedByList:      append([]int{200}, errorStatuses...),
		schema.OpSchemaViolation: {500},
		schema.OpOptionsMetadata: {200},
		schema.OpControlData:     controlStatuses,
		schema.OpControlExport:   controlStatuses,
		schema.OpControlJournal:  controlStatuses,
		schema.OpControlFaults:   controlStatuses,
		"no_such_operation":      nil,
	}
	for op, statuses := range want {
		t.Run(op, func(t *testing.T) {
			set := make(map[int]bool)
			for _, s := range statuses {
				set[s] = true
			}
			for status := 100; status <= 599; status++ {
				assert.Equal(t, set[status], v.Has(op, status), "Has(%q, %d)", op, status)
			}
		})
	}
}

// TestValidateNoSchema checks that a missing schema is reported as an *Error.
func TestValidateNoSchema(t *testing.T) {
	v := mustValidator(t)
	for _, tt := range []struct {
		name string
		err  error
		want string
	}{
		{"unknown operation", v.Validate("no_such_operation", 200, []byte(`{}`)), `no schema for operation "no_such_operation" status 200`},
		{"unknown status", v.Validate(schema.OpList, 500, []byte(`{}`)), `no schema for operation "stages_user_login_list" status 500`},
		{"unknown exception", v.ValidateException("no-such-exception", schema.OpList, 400, []byte(`[]`)), `no exception named "no-such-exception"`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			se := mustSchemaError(t, tt.err)
			require.Len(t, se.Violations, 1)
			assert.Equal(t, tt.want, se.Violations[0].Message)
		})
	}
}

// TestWholeResponses: the responses akmock validates by their parts are exactly those whose
// schema is a stage (retrieve, update and partial update 200, create 201), a page of stages
// (list 200) or a bare array of them (the control API's export 200); an exception applies only
// to the operations and status it is listed for.
func TestWholeResponses(t *testing.T) {
	v := mustValidator(t)
	stages := map[string]int{schema.OpRetrieve: 200, schema.OpUpdate: 200, schema.OpPartialUpdate: 200, schema.OpCreate: 201}
	for _, op := range []string{schema.OpList, schema.OpCreate, schema.OpRetrieve, schema.OpUpdate, schema.OpPartialUpdate, schema.OpDestroy, schema.OpUsedByList, schema.OpControlExport, schema.OpControlData} {
		for _, status := range []int{200, 201, 204, 400, 404} {
			wantStage := stages[op] == status
			wantPage := op == schema.OpList && status == 200
			wantArray := op == schema.OpControlExport && status == 200
			assert.Equal(t, wantStage, v.StageResponse(op, status) == nil, "StageResponse(%s, %d)", op, status)
			assert.Equal(t, wantPage, v.PageResponse(op, status) == nil, "PageResponse(%s, %d)", op, status)
			assert.Equal(t, wantArray, v.StageArrayResponse(op, status) == nil, "StageArrayResponse(%s, %d)", op, status)
		}
	}
	se := mustSchemaError(t, v.StageResponse(schema.OpUsedByList, 200))
	assert.Equal(t, `operation "stages_user_login_used_by_list" status 200 is not answered with components/UserLoginStage.json`, se.Violations[0].Message)

	body := mustRead(t, nulFile)
	require.NoError(t, v.ValidateException(schema.ExceptionSearchNullCharacter, schema.OpList, 400, body))
	for _, tt := range []struct {
		op     string
		status int
	}{{schema.OpUsedByList, 400}, {schema.OpList, 200}, {schema.OpCreate, 400}} {
		se := mustSchemaError(t, v.ValidateException(schema.ExceptionSearchNullCharacter, tt.op, tt.status, body))
		assert.Equal(t, fmt.Sprintf(`exception "search-null-character" is not one %s sends with status %d`, tt.op, tt.status), se.Violations[0].Message)
	}
}

// TestGolden validates every recorded oracle body under testdata against the
// schema its path names: <operationId>/<status>-<case>.json or
// exceptions/<name>/<case>.json.
func TestGolden(t *testing.T) {
	v := mustValidator(t)
	ops, err := filepath.Glob("testdata/stages_user_login_*/*.json")
	require.NoError(t, err)
	require.NotEmpty(t, ops)
	for _, file := range ops {
		t.Run(file, func(t *testing.T) {
			op := filepath.Base(filepath.Dir(file))
			status, err := strconv.Atoi(strings.SplitN(filepath.Base(file), "-", 2)[0])
			require.NoError(t, err)
			err = v.Validate(op, status, mustRead(t, file))
			assert.NoError(t, err, "%#v", err)
		})
	}
	excs, err := filepath.Glob("testdata/exceptions/*/*.json")
	require.NoError(t, err)
	require.NotEmpty(t, excs)
	for _, file := range excs {
		t.Run(file, func(t *testing.T) {
			name := filepath.Base(filepath.Dir(file))
			e := exceptionNamed(t, name)
			err := v.ValidateException(name, e.Operations[0], e.Status, mustRead(t, file))
			assert.NoError(t, err, "%#v", err)
		})
	}
}

// TestGoldenShared checks that the operations sharing the UserLoginStage
// schema accept a real stage, and that the piecewise validators accept the
// parts of real list pages.
func TestGoldenShared(t *testing.T) {
	v := mustValidator(t)
	stage := mustRead(t, stageFile)
	for _, tt := range []struct {
		op     string
		status int
	}{
		{schema.OpCreate, 201},
		{schema.OpRetrieve, 200},
		{schema.OpUpdate, 200},
		{schema.OpPartialUpdate, 200},
	} {
		t.Run(tt.op, func(t *testing.T) {
			assert.NoError(t, v.Validate(tt.op, tt.status, stage))
		})
	}
	t.Run("ValidateStage", func(t *testing.T) {
		assert.NoError(t, v.ValidateStage(stage))
	})

	pages, err := filepath.Glob("testdata/stages_user_login_list/200-*.json")
	require.NoError(t, err)
	require.NotEmpty(t, pages)
	for _, file := range pages {
		t.Run("piecewise "+file, func(t *testing.T) {
			var page struct {
				Pagination json.RawMessage   `json:"pagination"`
				Results    []json.RawMessage `json:"results"`
			}
			require.NoError(t, json.Unmarshal(mustRead(t, file), &page))
			assert.NoError(t, v.ValidatePagination(page.Pagination))
			for i, s := range page.Results {
				assert.NoError(t, v.ValidateStage(s), "results[%d]", i)
			}
		})
	}
}

// TestNoBody checks the 204 of destroy: only an empty body passes.
func TestNoBody(t *testing.T) {
	v := mustValidator(t)
	for _, tt := range []struct {
		name    string
		body    []byte
		wantErr string
	}{
		{"nil", nil, ""},
		{"empty", []byte{}, ""},
		{"object", []byte(`{}`), "expected no body, got 2 bytes"},
		{"newline", []byte("\n"), "expected no body, got 1 bytes"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			err := v.Validate(schema.OpDestroy, 204, tt.body)
			if tt.wantErr == "" {
				assert.NoError(t, err)
				return
			}
			se := mustSchemaError(t, err)
			assert.Equal(t, tt.wantErr, se.Violations[0].Message)
		})
	}
}

// TestNotJSON checks bodies that are not exactly one JSON value.
func TestNotJSON(t *testing.T) {
	v := mustValidator(t)
	for _, tt := range []struct {
		name string
		body string
		want string
	}{
		{"empty", "", "empty body, expected JSON"},
		{"truncated", `{"detail":`, "body is not valid JSON: unexpected EOF"},
		{"html", "<!DOCTYPE html><html></html>", "body is not valid JSON: invalid character '<' looking for beginning of value"},
		{"two values", `{"detail":"a"} {"detail":"b"}`, "body is not valid JSON: data after the top-level value"},
		{"invalid utf-8", "{\"detail\":\"\xff\"}", "body is not valid UTF-8"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			se := mustSchemaError(t, v.Validate(schema.OpList, 404, []byte(tt.body)))
			require.Len(t, se.Violations, 1)
			assert.Equal(t, schema.Violation{Message: tt.want}, se.Violations[0])
		})
	}
	t.Run("trailing whitespace", func(t *testing.T) {
		assert.NoError(t, v.Validate(schema.OpList, 404, []byte("{\"detail\":\"x\"}\n")))
	})
}

// edit changes a decoded JSON document and returns the new root.
type edit func(t *testing.T, doc any) any

// set replaces (or adds) the value at a JSON pointer; "" replaces the root.
func set(ptr string, value any) edit {
	return func(t *testing.T, doc any) any {
		if ptr == "" {
			return value
		}
		parent, last := walk(t, doc, ptr)
		switch p := parent.(type) {
		case map[string]any:
			p[last] = value
		case []any:
			i, err := strconv.Atoi(last)
			require.NoError(t, err)
			p[i] = value
		default:
			t.Fatalf("set %s: parent is %T", ptr, parent)
		}
		return doc
	}
}

// del removes an object key at a JSON pointer.
func del(ptr string) edit {
	return func(t *testing.T, doc any) any {
		parent, last := walk(t, doc, ptr)
		p, ok := parent.(map[string]any)
		require.True(t, ok, "del %s: parent is %T", ptr, parent)
		require.Contains(t, p, last)
		delete(p, last)
		return doc
	}
}

// walk returns the parent of the value at ptr and the last pointer token.
func walk(t *testing.T, doc any, ptr string) (any, string) {
	t.Helper()
	toks := strings.Split(strings.TrimPrefix(ptr, "/"), "/")
	cur := doc
	for _, tok := range toks[:len(toks)-1] {
		switch c := cur.(type) {
		case map[string]any:
			cur = c[tok]
		case []any:
			i, err := strconv.Atoi(tok)
			require.NoError(t, err)
			cur = c[i]
		default:
			t.Fatalf("walk %s: %T at %q", ptr, cur, tok)
		}
	}
	return cur, toks[len(toks)-1]
}

// mustEdit decodes body (numbers as json.Number), applies e and re-encodes.
func mustEdit(t *testing.T, body []byte, e edit) []byte {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	var doc any
	require.NoError(t, dec.Decode(&doc))
	out, err := json.Marshal(e(t, doc))
	require.NoError(t, err)
	return out
}

// violationBody is a valid akmock schema-violation 500 body.
const violationBody = `{"detail":"response failed schema validation","errors":[` +
	`{"keywordLocation":"/$ref/required","instanceLocation":"","message":"missing properties: 'detail'"}]}`

// TestNegative mutates real bodies one defect at a time and checks that the
// validator reports exactly one violation, at the expected keyword and
// instance locations.
func TestNegative(t *testing.T) {
	v := mustValidator(t)
	stage, list, usedBy := mustRead(t, stageFile), mustRead(t, listFile), mustRead(t, usedByFile)
	generic, validation, nul := mustRead(t, genericFile), mustRead(t, validationFile), mustRead(t, nulFile)
	longSlug := strings.Repeat("a", 51)
	const (
		flowItem = "/$ref/properties/flow_set/items/$ref"
		pag      = "/$ref/properties/pagination/$ref"
	)
	for _, tt := range []struct {
		name         string
		op           string // operation key, or "exception:<name>", "stage", "pagination"
		status       int
		base         []byte
		edit         edit
		wantKeyword  string
		wantInstance string
	}{
		// UserLoginStage (retrieve 200).
		{"stage extra key", schema.OpRetrieve, 200, stage, set("/remember_device", false), "/$ref/additionalProperties", ""},
		{"stage missing geoip_binding", schema.OpRetrieve, 200, stage, del("/geoip_binding"), "/$ref/required", ""},
		{"stage missing flow_set", schema.OpRetrieve, 200, stage, del("/flow_set"), "/$ref/required", ""},
		{"stage missing terminate_other_sessions", schema.OpUpdate, 200, stage, del("/terminate_other_sessions"), "/$ref/required", ""},
		{"stage network_binding not in enum", schema.OpRetrieve, 200, stage, set("/network_binding", "bind_everything"), "/$ref/properties/network_binding/allOf/0/$ref/enum", "/network_binding"},
		{"stage geoip_binding not in enum", schema.OpCreate, 201, stage, set("/geoip_binding", "bind_country"), "/$ref/properties/geoip_binding/allOf/0/$ref/enum", "/geoip_binding"},
		{"stage pk not a uuid", schema.OpRetrieve, 200, stage, set("/pk", "c6287541-2d8f-411b-8321"), "/$ref/properties/pk/format", "/pk"},
		{"stage pk a number", schema.OpPartialUpdate, 200, stage, set("/pk", 5), "/$ref/properties/pk/type", "/pk"},
		{"stage name null", schema.OpRetrieve, 200, stage, set("/name", nil), "/$ref/properties/name/type", "/name"},
		{"stage boolean as string", schema.OpRetrieve, 200, stage, set("/terminate_other_sessions", "false"), "/$ref/properties/terminate_other_sessions/type", "/terminate_other_sessions"},
		{"stage flow_set an object", schema.OpRetrieve, 200, stage, set("/flow_set", map[string]any{}), "/$ref/properties/flow_set/type", "/flow_set"},
		// FlowSet, inside a stage.
		{"flow slug with a space", schema.OpRetrieve, 200, stage, set("/flow_set/0/slug", "default flow"), flowItem + "/properties/slug/pattern", "/flow_set/0/slug"},
		{"flow slug empty", schema.OpRetrieve, 200, stage, set("/flow_set/0/slug", ""), flowItem + "/properties/slug/pattern", "/flow_set/0/slug"},
		{"flow slug 51 characters", schema.OpRetrieve, 200, stage, set("/flow_set/0/slug", longSlug), flowItem + "/properties/slug/maxLength", "/flow_set/0/slug"},
		{"flow extra key", schema.OpRetrieve, 200, stage, set("/flow_set/1/stages", []any{}), flowItem + "/additionalProperties", "/flow_set/1"},
		{"flow missing layout", schema.OpRetrieve, 200, stage, del("/flow_set/2/layout"), flowItem + "/required", "/flow_set/2"},
		{"flow missing compatibility_mode", schema.OpRetrieve, 200, stage, del("/flow_set/2/compatibility_mode"), flowItem + "/required", "/flow_set/2"},
		{"flow designation not in enum", schema.OpRetrieve, 200, stage, set("/flow_set/0/designation", "login"), flowItem + "/properties/designation/allOf/0/$ref/enum", "/flow_set/0/designation"},
		{"flow layout not in enum", schema.OpRetrieve, 200, stage, set("/flow_set/0/layout", "centered"), flowItem + "/properties/layout/$ref/enum", "/flow_set/0/layout"},
		{"flow policy_engine_mode not in enum", schema.OpRetrieve, 200, stage, set("/flow_set/0/policy_engine_mode", "ALL"), flowItem + "/properties/policy_engine_mode/$ref/enum", "/flow_set/0/policy_engine_mode"},
		{"flow denied_action not in enum", schema.OpRetrieve, 200, stage, set("/flow_set/0/denied_action", "deny"), flowItem + "/properties/denied_action/allOf/0/$ref/enum", "/flow_set/0/denied_action"},
		{"flow policybindingmodel_ptr_id not a uuid", schema.OpRetrieve, 200, stage, set("/flow_set/0/policybindingmodel_ptr_id", "42"), flowItem + "/properties/policybindingmodel_ptr_id/format", "/flow_set/0/policybindingmodel_ptr_id"},
		// PaginatedUserLoginStageList and Pagination (list 200).
		{"list extra key", schema.OpList, 200, list, set("/autocomplete", map[string]any{}), "/$ref/additionalProperties", ""},
		{"list missing results", schema.OpList, 200, list, del("/results"), "/$ref/required", ""},
		{"list results an object", schema.OpList, 200, list, set("/results", map[string]any{}), "/$ref/properties/results/type", "/results"},
		{"list stage extra key", schema.OpList, 200, list, set("/results/1/remember_device", true), "/$ref/properties/results/items/$ref/additionalProperties", "/results/1"},
		{"list stage of another type", schema.OpList, 200, list, set("/results/2/component", "ak-stage-password-form"), "/$ref/properties/results/items/$ref/properties/component/const", "/results/2/component"},
		{"list stage bad uuid", schema.OpList, 200, list, set("/results/4/pk", "{c6287541-2d8f-411b-8321-2c0565e04df6}"), "/$ref/properties/results/items/$ref/properties/pk/format", "/results/4/pk"},
		{"pagination negative count", schema.OpList, 200, list, set("/pagination/count", -1), pag + "/properties/count/minimum", "/pagination/count"},
		{"pagination count a string", schema.OpList, 200, list, set("/pagination/count", "25"), pag + "/properties/count/type", "/pagination/count"},
		{"pagination next a fraction", schema.OpList, 200, list, set("/pagination/next", json.Number("1.5")), pag + "/properties/next/type", "/pagination/next"},
		{"pagination previous null", schema.OpList, 200, list, set("/pagination/previous", nil), pag + "/properties/previous/type", "/pagination/previous"},
		{"pagination extra key", schema.OpList, 200, list, set("/pagination/page_size", 10), pag + "/additionalProperties", "/pagination"},
		{"pagination page 0", schema.OpList, 200, list, set("/pagination/current", 0), pag + "/properties/current/minimum", "/pagination/current"},
		{"pagination no pages", schema.OpList, 200, list, set("/pagination/total_pages", 0), pag + "/properties/total_pages/minimum", "/pagination/total_pages"},
		{"pagination next page 1", schema.OpList, 200, list, set("/pagination/next", 1), pag + "/properties/next/not", "/pagination/next"},
		{"pagination missing end_index", schema.OpList, 200, list, del("/pagination/end_index"), pag + "/required", "/pagination"},
		// UsedBy list.
		{"used_by action not in enum", schema.OpUsedByList, 200, usedBy, set("/0/action", "delete"), "/items/$ref/properties/action/$ref/enum", "/0/action"},
		{"used_by extra key", schema.OpUsedByList, 200, usedBy, set("/1/order", 0), "/items/$ref/additionalProperties", "/1"},
		{"used_by missing pk", schema.OpUsedByList, 200, usedBy, del("/2/pk"), "/items/$ref/required", "/2"},
		{"used_by paginated", schema.OpUsedByList, 200, usedBy, set("", map[string]any{"results": []any{}}), "/type", ""},
		// GenericError and ValidationError.
		{"generic missing detail", schema.OpList, 403, generic, set("", map[string]any{}), "/$ref/required", ""},
		{"generic extra key", schema.OpList, 403, generic, set("/message", "x"), "/$ref/additionalProperties", ""},
		{"generic detail a number", schema.OpRetrieve, 404, generic, set("/detail", 404), "/$ref/properties/detail/type", "/detail"},
		{"generic as array", schema.OpList, 429, generic, set("", []any{"slow down"}), "/$ref/type", ""},
		{"generic code a number", schema.OpPartialUpdate, 415, generic, set("/code", 415), "/$ref/properties/code/type", "/code"},
		{"validation non_field_errors a string", schema.OpCreate, 400, validation, set("/non_field_errors", "x"), "/$ref/properties/non_field_errors/type", "/non_field_errors"},
		{"validation non_field_errors item a number", schema.OpCreate, 400, validation, set("/non_field_errors", []any{1}), "/$ref/properties/non_field_errors/items/type", "/non_field_errors/0"},
		{"validation bare array (NUL search)", schema.OpList, 400, nul, set("", []any{"Null characters are not allowed."}), "/$ref/type", ""},
		// akmock's schema-violation body.
		{"violation no errors", schema.OpSchemaViolation, 500, []byte(violationBody), set("/errors", []any{}), "/properties/errors/minItems", "/errors"},
		{"violation error extra key", schema.OpSchemaViolation, 500, []byte(violationBody), set("/errors/0/absoluteKeywordLocation", "x"), "/properties/errors/items/additionalProperties", "/errors/0"},
		{"violation error missing message", schema.OpSchemaViolation, 500, []byte(violationBody), del("/errors/0/message"), "/properties/errors/items/required", "/errors/0"},
		{"violation extra key", schema.OpSchemaViolation, 500, []byte(violationBody), set("/status", 500), "/additionalProperties", ""},
		// The documented exception.
		{"exception as ValidationError object", "exception:" + schema.ExceptionSearchNullCharacter, 400, nul, set("", map[string]any{"search": []any{"Null characters are not allowed."}}), "/type", ""},
		{"exception other message", "exception:" + schema.ExceptionSearchNullCharacter, 400, nul, set("/0", "Null bytes are not allowed."), "/items/const", "/0"},
		{"exception two messages", "exception:" + schema.ExceptionSearchNullCharacter, 400, nul, set("", []any{"Null characters are not allowed.", "Null characters are not allowed."}), "/maxItems", ""},
		// Piecewise validators: locations are relative to the component.
		{"ValidateStage bad uuid", "stage", 0, stage, set("/pk", "x"), "/properties/pk/format", "/pk"},
		{"ValidateStage flow slug", "stage", 0, stage, set("/flow_set/2/slug", "a/b"), "/properties/flow_set/items/$ref/properties/slug/pattern", "/flow_set/2/slug"},
		{"ValidatePagination negative", "pagination", 0, list, func(t *testing.T, doc any) any {
			return set("/count", -3)(t, doc.(map[string]any)["pagination"])
		}, "/properties/count/minimum", "/count"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			body := mustEdit(t, tt.base, tt.edit)
			var err error
			switch {
			case tt.op == "stage":
				err = v.ValidateStage(body)
			case tt.op == "pagination":
				err = v.ValidatePagination(body)
			case strings.HasPrefix(tt.op, "exception:"):
				e := exceptionNamed(t, strings.TrimPrefix(tt.op, "exception:"))
				err = v.ValidateException(e.Name, e.Operations[0], e.Status, body)
			default:
				err = v.Validate(tt.op, tt.status, body)
			}
			se := mustSchemaError(t, err)
			require.Len(t, se.Violations, 1, "%#v", se)
			assert.Equal(t, tt.wantKeyword, se.Violations[0].KeywordLocation, "%#v", se)
			assert.Equal(t, tt.wantInstance, se.Violations[0].InstanceLocation, "%#v", se)
			assert.NotEmpty(t, se.Violations[0].Message)
			assert.Equal(t, tt.status, se.Status)
		})
	}
}

// TestError checks the *Error formats and that a real *Error marshals into
// a body that passes akmock's own schema-violation schema.
func TestError(t *testing.T) {
	v := mustValidator(t)
	body := mustEdit(t, mustRead(t, stageFile), func(t *testing.T, doc any) any {
		m := doc.(map[string]any)
		m["pk"] = "x"
		m["name"] = 1
		delete(m, "component")
		return m
	})
	se := mustSchemaError(t, v.Validate(schema.OpRetrieve, 200, body))
	require.Len(t, se.Violations, 3)
	assert.Equal(t, []string{"", "/name", "/pk"}, []string{
		se.Violations[0].InstanceLocation, se.Violations[1].InstanceLocation, se.Violations[2].InstanceLocation,
	}, "sorted by instance location")
	assert.Equal(t,
		`schema: stages_user_login_retrieve 200: at "" (keyword "/$ref/required"): missing properties: 'component' (and 2 more)`,
		se.Error())
	assert.NotContains(t, se.Error(), "\n")
	gs := se.GoString()
	assert.Equal(t, 4, strings.Count(gs, "\n")+1, gs)
	assert.Contains(t, gs, `at "/pk" (keyword "/$ref/properties/pk/format"): 'x' is not valid 'uuid'`)

	out, err := json.Marshal(map[string]any{"detail": "response failed schema validation", "errors": se.Violations})
	require.NoError(t, err)
	assert.NoError(t, v.Validate(schema.OpSchemaViolation, 500, out), "%s", out)
}

// TestExceptions checks the Exceptions table and that each exception's body
// really does not fit the OpenAPI schema of its operations and status.
func TestExceptions(t *testing.T) {
	v := mustValidator(t)
	for _, e := range schema.Exceptions {
		t.Run(e.Name, func(t *testing.T) {
			assert.NotEmpty(t, e.Why)
			require.NotEmpty(t, e.Operations)
			files, err := filepath.Glob(filepath.Join("testdata/exceptions", e.Name, "*.json"))
			require.NoError(t, err)
			require.NotEmpty(t, files, "record at least one real body")
			for _, file := range files {
				body := mustRead(t, file)
				for _, op := range e.Operations {
					require.NoError(t, v.ValidateException(e.Name, op, e.Status, body))
					assert.True(t, v.Has(op, e.Status), "%s %d", op, e.Status)
					assert.Error(t, v.Validate(op, e.Status, body), "%s: %s fits %s %d, so it is no exception", file, e.Name, op, e.Status)
				}
			}
		})
	}
}

// TestConcurrent validates from several goroutines at once (run with -race).
func TestConcurrent(t *testing.T) {
	v := mustValidator(t)
	good := mustRead(t, listFile)
	bad := mustEdit(t, good, set("/results/0/pk", "x"))
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 20 {
				assert.NoError(t, v.Validate(schema.OpList, 200, good))
				assert.Error(t, v.Validate(schema.OpList, 200, bad))
			}
		}()
	}
	wg.Wait()
}

// TestPartsAreAllTheirComponentsCheck: akmock validates a list page and its export by their
// parts (each stage against UserLoginStage.json, the pagination object against Pagination.json)
// and builds the envelope around them itself. That is sound only while the components that hold
// the parts say nothing more than "an object of these two" and "an array of stages": a keyword
// added to either (minItems, uniqueItems, …) must fail here, not go unchecked.
func TestPartsAreAllTheirComponentsCheck(t *testing.T) {
	annotations := []string{"$schema", "title", "description", "$comment"}
	for file, want := range map[string]string{
		"json/components/UserLoginStageArray.json": `{"type":"array","items":{"$ref":"UserLoginStage.json"}}`,
		"json/components/PaginatedUserLoginStageList.json": `{"type":"object","properties":{` +
			`"pagination":{"$ref":"Pagination.json"},"results":{"type":"array","items":{"$ref":"UserLoginStage.json"}}},` +
			`"required":["pagination","results"],"additionalProperties":false}`,
	} {
		var got map[string]any
		require.NoError(t, json.Unmarshal(mustRead(t, file), &got), file)
		for _, k := range annotations {
			delete(got, k)
		}
		var wantValue map[string]any
		require.NoError(t, json.Unmarshal([]byte(want), &wantValue))
		assert.Equal(t, wantValue, got, file)
	}
}
