package serializer

import "akmock/fixtures/pyjson"

// Detail is a DRF error detail: a list of messages, a dict of details (a nested serializer), or a
// list of details (a list serializer, one entry per item, {} for valid items).
type Detail struct {
	Messages []string
	Fields   []Field  // non-nil: a dict
	Items    []Detail // non-nil: a list of per-item details
}

// Field is one key of a dict detail.
type Field struct {
	Name   string
	Detail Detail
}

// Error is a 400 ValidationError whose body is a dict of field details, in the serializer's
// field order.
type Error struct {
	Fields []Field
}

// Error summarizes the failing fields.
func (e *Error) Error() string {
	s := "invalid body:"
	for _, f := range e.Fields {
		s += " " + f.Name
	}
	return s
}

// AppendJSON writes the body authentik sends for the error.
func (e *Error) AppendJSON(b []byte) []byte {
	return Detail{Fields: e.Fields}.AppendJSON(b)
}

// AppendJSON writes the detail as DRF renders it.
func (d Detail) AppendJSON(b []byte) []byte {
	switch {
	case d.Fields != nil:
		b = append(b, '{')
		for i, f := range d.Fields {
			if i > 0 {
				b = append(b, ',')
			}
			b = pyjson.AppendString(b, f.Name)
			b = append(b, ':')
			b = f.Detail.AppendJSON(b)
		}
		return append(b, '}')
	case d.Items != nil:
		b = append(b, '[')
		for i, item := range d.Items {
			if i > 0 {
				b = append(b, ',')
			}
			b = item.AppendJSON(b)
		}
		return append(b, ']')
	default:
		b = append(b, '[')
		for i, m := range d.Messages {
			if i > 0 {
				b = append(b, ',')
			}
			b = pyjson.AppendString(b, m)
		}
		return append(b, ']')
	}
}

func (d Detail) empty() bool { return d.Fields == nil && d.Items == nil && d.Messages == nil }

// Unhandled is an exception authentik's code does not catch while reading, validating or saving
// a write (a body that is not UTF-8, an OverflowError from the duration parser, a NUL character
// reaching PostgreSQL, DRF's assertion against writable nested fields). authentik answers it
// with its error page: see the server.
type Unhandled struct {
	Cause string // the exception authentik would raise, for the log
}

// Error names the exception authentik would raise.
func (e *Unhandled) Error() string { return "unhandled exception in authentik: " + e.Cause }
