package query

import (
	"errors"
	"strings"
)

// Messages of django-filter's form fields, Django's validators and DRF, exactly as authentik
// sends them (recorded from the reference oracle; see testdata/golden).
const (
	MsgInvalidUUID   = "Enter a valid UUID."
	MsgNullCharacter = "Null characters are not allowed."
	msgInvalidChoice = "Select a valid choice. %s is not one of the available choices."
)

// InvalidChoiceMessage is django.forms.ChoiceField's message for value.
func InvalidChoiceMessage(value string) string {
	return strings.Replace(msgInvalidChoice, "%s", value, 1)
}

// FieldError is one field of a ValidationError body and its messages.
type FieldError struct {
	Field    string
	Messages []string
}

// Error is a 400 ValidationError: fields in the order authentik reports them, each with its
// messages. It renders as {"<field>": ["<message>", …], …}.
type Error struct {
	Fields []FieldError
}

// Add appends a message to field, keeping the order in which fields first failed.
func (e *Error) Add(field, message string) {
	for i := range e.Fields {
		if e.Fields[i].Field == field {
			e.Fields[i].Messages = append(e.Fields[i].Messages, message)
			return
		}
	}
	e.Fields = append(e.Fields, FieldError{Field: field, Messages: []string{message}})
}

// Empty reports whether no field has failed.
func (e *Error) Empty() bool { return len(e.Fields) == 0 }

// Error lists the fields and messages on one line.
func (e *Error) Error() string {
	parts := make([]string, len(e.Fields))
	for i, f := range e.Fields {
		parts[i] = f.Field + ": " + strings.Join(f.Messages, " ")
	}
	return "invalid: " + strings.Join(parts, "; ")
}

var (
	// ErrSearchNull: a NUL character in `search`. DRF's SearchFilter validates the value with a
	// CharField and raises ValidationError with a bare list, so authentik answers 400 with the
	// body ["Null characters are not allowed."].
	ErrSearchNull = errors.New("search: " + MsgNullCharacter)

	// ErrOrderingFlowSet: `ordering` names flow_set. DRF's OrderingFilter accepts the serializer
	// field, but Django's ORM only knows the reverse relation as "flow" and raises FieldError:
	// authentik answers 500.
	ErrOrderingFlowSet = errors.New("ordering by flow_set: Django raises FieldError (authentik answers 500)")

	// ErrEndIndexOverflow: page_size is so large that Django's Paginator counts no pages (see
	// [Paginate]) and page 1 was asked for. Its end_index is page_size itself, an integer beyond
	// 64 bits that orjson refuses to render: authentik answers 500.
	ErrEndIndexOverflow = errors.New("page_size beyond max(1, count) * 2**1075: end_index cannot be rendered (authentik answers 500)")

	// ErrInvalidPage: DRF's PageNumberPagination answers 404 {"detail": "Invalid page."} for a page
	// number that is not an integer, below 1, or past the last page.
	ErrInvalidPage = errors.New("invalid page")
)
