package serializer

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"akmock/fixtures"
	"akmock/fixtures/pgsize"
	"akmock/fixtures/pyjson"
	"akmock/mockserver/query"
)

// Messages of DRF 3.16's fields and validators and of authentik's models, as authentik sends them.
const (
	msgRequired      = "This field is required."
	msgNull          = "This field may not be null."
	msgBlank         = "This field may not be blank."
	msgNotString     = "Not a valid string."
	msgInvalidChoice = "\"%s\" is not a valid choice."
	msgInvalidBool   = "Must be a valid boolean."
	msgNameTaken     = "stage with this name already exists."
	msgSlugTaken     = "Flow with this slug already exists."
	msgSlugTooLong   = "Ensure this field has no more than 50 characters."
	msgSlugInvalid   = "Enter a valid \"slug\" consisting of letters, numbers, underscores or hyphens."
	msgDuration      = "%s is not in the correct format of 'hours=3;minutes=1'."
	msgNotADict      = "Invalid data. Expected a dictionary, but got %s."
	msgNotAList      = "Expected a list of items but got type \"%s\"."
	// MsgNoData is the body's only error when it is JSON null.
	MsgNoData = "No data provided"
	// NonFieldErrors is DRF's key for errors that belong to no field.
	NonFieldErrors = "non_field_errors"
)

// Mode is the save the body is validated for.
type Mode int

// The modes of DRF's mixins: create (POST), update (PUT, not partial), partial update (PATCH).
const (
	Create Mode = iota
	Update
	PartialUpdate
)

// Lookups answers the uniqueness questions the validators ask the database.
type Lookups struct {
	// NameTaken reports whether a stage other than the one being written is named name.
	NameTaken func(name string) bool
	// SlugTaken reports whether a flow has the slug.
	SlugTaken func(slug string) bool
}

// Validate applies a write body to stage as UserLoginStageSerializer.is_valid and save do. stage
// holds the values to start from (model defaults for a create, the current values for an
// update); fields the body omits keep them. It returns an [*Error] (400), an [*Unhandled], or nil
// when stage now holds the validated values.
func Validate(data pyjson.Value, stage *fixtures.UserLoginStage, mode Mode, db Lookups) error {
	if data.IsNull() {
		return &Error{Fields: []Field{{Name: NonFieldErrors, Detail: Detail{Messages: []string{MsgNoData}}}}}
	}
	if data.Kind() != pyjson.Dict {
		return &Error{Fields: []Field{{Name: NonFieldErrors, Detail: Detail{Messages: []string{fmt.Sprintf(msgNotADict, data.Kind())}}}}}
	}
	v := validator{data: data, partial: mode == PartialUpdate}
	next := *stage
	if s, ok := v.char("name", true, msgNotString, func(s string) ([]string, error) {
		return append(unique(s, db.NameTaken, msgNameTaken), nullCharacter(s)...), nil
	}); ok {
		next.Name = s
	}
	nested := v.flowSet(db)
	if s, ok := v.char("session_duration", false, msgNotString, duration); ok {
		next.SessionDuration = s
	}
	if b, ok := v.boolean("terminate_other_sessions"); ok {
		next.TerminateOtherSessions = b
	}
	if s, ok := v.char("remember_me_offset", false, msgNotString, duration); ok {
		next.RememberMeOffset = s
	}
	if s, ok := v.choice("network_binding", fixtures.NetworkBindings); ok {
		next.NetworkBinding = s
	}
	if s, ok := v.choice("geoip_binding", fixtures.GeoIPBindings); ok {
		next.GeoIPBinding = s
	}
	switch {
	case v.unhandled != nil:
		return v.unhandled
	case len(v.errors) > 0:
		return &Error{Fields: v.errors}
	case nested:
		// ModelSerializer.create/update: raise_errors_on_nested_writes asserts.
		return &Unhandled{Cause: "DRF does not support writable nested fields (flow_set)"}
	}
	// Saving: PostgreSQL refuses a name whose entry in the unique index on stage names is too
	// large, and authentik does not catch the database's error.
	if !pgsize.IndexEntryFits(next.Name) {
		return &Unhandled{Cause: fmt.Sprintf("ProgramLimitExceeded: the stage name's index row exceeds btree version 4 maximum %d", pgsize.MaxIndexEntry)}
	}
	*stage = next
	return nil
}

// charValidators are the validators of a plain CharField: the null-character check.
func charValidators(s string) ([]string, error) { return nullCharacter(s), nil }

// duration runs authentik's timedelta_string_validator, then Django's null-character validator.
func duration(s string) ([]string, error) {
	var msgs []string
	switch fixtures.CheckDuration(s) {
	case fixtures.DurationOverflow:
		return nil, &Unhandled{Cause: "OverflowError: the duration is too large for a timedelta"}
	case fixtures.DurationInvalid:
		msgs = append(msgs, fmt.Sprintf(msgDuration, s))
	}
	return append(msgs, nullCharacter(s)...), nil
}

// validator walks a dict body field by field, as Serializer.to_internal_value does, collecting
// the errors of each field and stopping at the first unhandled exception.
type validator struct {
	data      pyjson.Value
	partial   bool
	errors    []Field
	unhandled error
}

// value is DRF's Field.validate_empty_values: it returns the field's value, or ok false when the
// field is skipped (absent and optional, or absent in a partial update) or has already failed.
func (v *validator) value(name string, required bool) (pyjson.Value, bool) {
	if v.unhandled != nil {
		return pyjson.Value{}, false
	}
	val, present := v.data.Get(name)
	if !present {
		if required && !v.partial {
			v.fail(name, msgRequired)
		}
		return val, false
	}
	return val, true
}

func (v *validator) fail(name string, msgs ...string) {
	v.errors = append(v.errors, Field{Name: name, Detail: Detail{Messages: msgs}})
}

// char is DRF's CharField (trim_whitespace, no blank): blank check on the stripped text, null,
// type (str, or an int or float taken as its text), then every validator's messages together.
// invalid is the field's answer to a value of another type: CharField's msgNotString, or the
// "invalid" message of a subclass that has its own (SlugField's msgSlugInvalid).
func (v *validator) char(name string, required bool, invalid string, validate func(string) ([]string, error)) (string, bool) {
	val, ok := v.value(name, required)
	if !ok {
		return "", false
	}
	s, msgs, err := charValue(val, invalid, validate)
	if err != nil {
		v.unhandled = err
		return "", false
	}
	if msgs != nil {
		v.fail(name, msgs...)
		return "", false
	}
	return s, true
}

// charValue validates one CharField value (see [validator.char]); msgs non-nil means it failed.
func charValue(val pyjson.Value, invalid string, validate func(string) ([]string, error)) (string, []string, error) {
	if s, isStr := val.Str(); isStr && query.PyStrip(s) == "" {
		return "", []string{msgBlank}, nil
	}
	switch val.Kind() {
	case pyjson.Null:
		return "", []string{msgNull}, nil
	case pyjson.Str, pyjson.Int, pyjson.Float:
	default:
		return "", []string{invalid}, nil
	}
	s := query.PyStrip(pyjson.PyStr(val))
	var msgs []string
	if validate != nil {
		more, err := validate(s)
		if err != nil {
			return "", nil, err
		}
		msgs = append(msgs, more...)
	}
	return s, msgs, nil
}

// choice is DRF's ChoiceField: the value's Python str() must be one of the choices.
func (v *validator) choice(name string, choices []string) (string, bool) {
	val, ok := v.value(name, false)
	if !ok {
		return "", false
	}
	s, msg := choiceValue(val, choices)
	if msg != "" {
		v.fail(name, msg)
		return "", false
	}
	return s, true
}

func choiceValue(val pyjson.Value, choices []string) (string, string) {
	if val.IsNull() {
		return "", msgNull
	}
	s := pyjson.PyStr(val)
	if !fixtures.IsChoice(choices, s) {
		return "", fmt.Sprintf(msgInvalidChoice, s)
	}
	return s, ""
}

// boolean is DRF 3.16's BooleanField: true/false, 1/0 (1.0/0.0 too), and the strings t, y,
// yes, true, on, 1 / f, n, no, false, off, 0 in any case.
func (v *validator) boolean(name string) (bool, bool) {
	val, ok := v.value(name, false)
	if !ok {
		return false, false
	}
	b, msg := boolValue(val)
	if msg != "" {
		v.fail(name, msg)
		return false, false
	}
	return b, true
}

func boolValue(val pyjson.Value) (bool, string) {
	switch val.Kind() {
	case pyjson.Null:
		return false, msgNull
	case pyjson.Bool:
		b, _ := val.Bool()
		return b, ""
	case pyjson.Int, pyjson.Float:
		switch pyjson.PyStr(val) {
		case "1", "1.0":
			return true, ""
		case "0", "0.0", "-0.0":
			return false, ""
		}
	case pyjson.Str:
		s, _ := val.Str()
		switch asciiLower(s) {
		case "t", "y", "yes", "true", "on", "1":
			return true, ""
		case "f", "n", "no", "false", "off", "0":
			return false, ""
		}
	}
	return false, msgInvalidBool
}

// flowSet validates flow_set (a ListSerializer of FlowSetSerializer). It reports whether a valid
// list was given, which DRF then refuses to save.
func (v *validator) flowSet(db Lookups) bool {
	val, ok := v.value("flow_set", false)
	if !ok {
		return false
	}
	switch val.Kind() {
	case pyjson.Null:
		v.fail("flow_set", msgNull)
		return false
	case pyjson.List:
	default:
		v.errors = append(v.errors, Field{Name: "flow_set", Detail: Detail{Fields: []Field{
			{Name: NonFieldErrors, Detail: Detail{Messages: []string{fmt.Sprintf(msgNotAList, val.Kind())}}}}}})
		return false
	}
	items := make([]Detail, len(val.Items()))
	failed := false
	for i, item := range val.Items() {
		d, err := v.flowItem(item, db)
		if err != nil {
			v.unhandled = err
			return false
		}
		if !d.empty() {
			failed = true
			items[i] = d
		} else {
			items[i] = Detail{Fields: []Field{}}
		}
	}
	if failed {
		v.errors = append(v.errors, Field{Name: "flow_set", Detail: Detail{Items: items}})
		return false
	}
	return true
}

// flowItem validates one flow of flow_set with FlowSetSerializer's writable fields.
func (v *validator) flowItem(item pyjson.Value, db Lookups) (Detail, error) {
	switch item.Kind() {
	case pyjson.Null:
		return Detail{Messages: []string{msgNull}}, nil
	case pyjson.Dict:
	default:
		return Detail{Fields: []Field{{Name: NonFieldErrors, Detail: Detail{Messages: []string{fmt.Sprintf(msgNotADict, item.Kind())}}}}}, nil
	}
	fv := validator{data: item, partial: v.partial}
	fv.char("name", true, msgNotString, charValidators)
	fv.char("slug", true, msgSlugInvalid, func(s string) ([]string, error) { // a SlugField
		msgs := unique(s, db.SlugTaken, msgSlugTaken)
		if utf8.RuneCountInString(s) > 50 {
			msgs = append(msgs, msgSlugTooLong)
		}
		msgs = append(msgs, nullCharacter(s)...)
		if !fixtures.IsSlug(s) {
			msgs = append(msgs, msgSlugInvalid)
		}
		return msgs, nil
	})
	fv.char("title", true, msgNotString, charValidators)
	if val, ok := fv.value("designation", true); ok {
		if _, msg := choiceValue(val, fixtures.Designations); msg != "" {
			fv.fail("designation", msg)
		}
	}
	fv.choice("policy_engine_mode", fixtures.PolicyEngineModes)
	fv.boolean("compatibility_mode")
	fv.choice("layout", fixtures.Layouts)
	fv.choice("denied_action", fixtures.DeniedActions)
	if fv.unhandled != nil {
		return Detail{}, fv.unhandled
	}
	if len(fv.errors) == 0 {
		return Detail{}, nil
	}
	return Detail{Fields: fv.errors}, nil
}

// unique is DRF's UniqueValidator: a query for the value. DRF's qs_exists treats a query the
// database refuses (PostgreSQL text cannot hold NUL) as "no match", so such a value passes here
// and the null-character validator reports it.
func unique(s string, taken func(string) bool, msg string) []string {
	if strings.IndexByte(s, 0) < 0 && taken(s) {
		return []string{msg}
	}
	return nil
}

// nullCharacter is Django's ProhibitNullCharactersValidator.
func nullCharacter(s string) []string {
	if strings.IndexByte(s, 0) >= 0 {
		return []string{query.MsgNullCharacter}
	}
	return nil
}

// asciiLower lower-cases ASCII letters only: Python's str.lower() maps no other character to one
// of the ASCII letters the boolean spellings use.
func asciiLower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c >= 'A' && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}
