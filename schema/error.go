package schema

import (
	"fmt"
	"strings"
)

// Error reports a response body that does not fit its schema, or a request to
// validate a response that has no schema. It always holds at least one
// [Violation].
type Error struct {
	// Op is the operation key passed to [Validator.Validate]; for
	// [Validator.ValidateException] it is the exception's name, for
	// [Validator.ValidateStage] "UserLoginStage" and for
	// [Validator.ValidatePagination] "Pagination".
	Op string
	// Status is the HTTP status passed to Validate (the exception's status
	// for ValidateException, 0 for ValidateStage and ValidatePagination).
	Status int
	// Violations are the leaf causes, sorted by instance then keyword
	// location.
	Violations []Violation
}

// Violation is one leaf cause of a validation failure, in the shape of a
// JSON Schema "basic" output unit. The JSON tags match the errors items of
// akmock's schema-violation body ([OpSchemaViolation]).
type Violation struct {
	// KeywordLocation is the JSON pointer of the failing keyword, followed
	// through $ref from the root of the schema used (e.g.
	// "/$ref/properties/results/items/$ref/properties/pk/format"); empty for
	// a body that is not JSON or has no schema.
	KeywordLocation string `json:"keywordLocation"`
	// InstanceLocation is the JSON pointer of the failing value in the body
	// (e.g. "/results/0/pk"); empty for the whole body.
	InstanceLocation string `json:"instanceLocation"`
	// Message says what is wrong.
	Message string `json:"message"`
}

// Error returns a one-line summary: the operation, the status, the first
// violation and how many more there are.
func (e *Error) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "schema: %s %d: ", e.Op, e.Status)
	if len(e.Violations) == 0 {
		b.WriteString("invalid")
		return b.String()
	}
	b.WriteString(oneLine(e.Violations[0].String()))
	if n := len(e.Violations) - 1; n > 0 {
		fmt.Fprintf(&b, " (and %d more)", n)
	}
	return b.String()
}

// GoString lists every violation, one per line, for test failure messages
// (fmt's %#v).
func (e *Error) GoString() string {
	var b strings.Builder
	fmt.Fprintf(&b, "schema: %s %d: %d violation(s)", e.Op, e.Status, len(e.Violations))
	for _, v := range e.Violations {
		b.WriteString("\n  ")
		b.WriteString(oneLine(v.String()))
	}
	return b.String()
}

// String formats the violation as `at "<instance>" (keyword "<keyword>"): <message>`.
func (v Violation) String() string {
	return fmt.Sprintf("at %q (keyword %q): %s", v.InstanceLocation, v.KeywordLocation, v.Message)
}

// oneLine replaces line breaks so that a message cannot span lines.
func oneLine(s string) string {
	return strings.NewReplacer("\r", `\r`, "\n", `\n`).Replace(s)
}
