package query

import (
	"cmp"
	"slices"
	"strings"

	"akmock/fixtures"
	"akmock/mockserver/query/collate"
)

// Field is a stage field that OrderingFilter accepts.
type Field int

// The ordering fields, as DRF's OrderingFilter.get_default_valid_fields finds them for
// authentik's serializer: readable fields with a model source (the SerializerMethodFields
// component, verbose_name, verbose_name_plural and meta_model_name have source "*" and are not).
const (
	FieldPK Field = iota
	FieldName
	FieldFlowSet
	FieldSessionDuration
	FieldTerminateOtherSessions
	FieldRememberMeOffset
	FieldNetworkBinding
	FieldGeoIPBinding
)

var fieldNames = map[string]Field{
	"pk":                       FieldPK,
	"name":                     FieldName,
	"flow_set":                 FieldFlowSet,
	"session_duration":         FieldSessionDuration,
	"terminate_other_sessions": FieldTerminateOtherSessions,
	"remember_me_offset":       FieldRememberMeOffset,
	"network_binding":          FieldNetworkBinding,
	"geoip_binding":            FieldGeoIPBinding,
}

// OrderTerm is one ordering term.
type OrderTerm struct {
	Field      Field
	Descending bool
}

// Ordering is the list of terms rows are sorted by. Only the first term for each field matters
// (a later one can never separate rows the earlier one left equal), so terms are kept unique.
type Ordering []OrderTerm

// DefaultOrdering is the viewset's `ordering = ["name"]`.
var DefaultOrdering = Ordering{{Field: FieldName}}

// ParseOrdering reads the `ordering` parameter as DRF 3.16's OrderingFilter.get_ordering does:
// split at commas, each term stripped (Python's str.strip), one optional leading "-", terms that
// are not valid fields dropped; when nothing valid is left (or the value is empty), the view's
// default ordering. A term naming flow_set is valid for DRF but makes the ORM raise FieldError:
// [ErrOrderingFlowSet].
func ParseOrdering(raw string) (Ordering, error) {
	if raw == "" {
		return DefaultOrdering, nil
	}
	var out Ordering
	seen := map[Field]bool{}
	for _, term := range strings.Split(raw, ",") {
		term = PyStrip(term)
		desc := strings.HasPrefix(term, "-")
		f, ok := fieldNames[strings.TrimPrefix(term, "-")]
		if !ok {
			continue
		}
		if f == FieldFlowSet {
			return nil, ErrOrderingFlowSet
		}
		if !seen[f] {
			seen[f] = true
			out = append(out, OrderTerm{Field: f, Descending: desc})
		}
	}
	if len(out) == 0 {
		return DefaultOrdering, nil
	}
	return out, nil
}

// Key is a canonical text for the ordering, usable as a cache key.
func (o Ordering) Key() string {
	var b strings.Builder
	for _, t := range o {
		if t.Descending {
			b.WriteByte('-')
		}
		b.WriteByte(byte('a' + t.Field))
	}
	return b.String()
}

// Order sorts rows in place by the ordering. Text compares as PostgreSQL compares it under the
// collation coll (C: byte order, the collation of authentik's official image), booleans false
// before true, pk as the UUID's bytes (its lower-case hex text sorts the same). The sort is
// stable: rows with equal keys keep their order (PostgreSQL leaves it unspecified).
//
// Each row's keys are computed once, before sorting, so comparisons read no stage. Stability
// comes from the rows' positions as the last key, so the faster unstable pattern-defeating
// quicksort gives the stable result (sort.SliceStable's in-place merging took six times as long
// on 100,000 rows; see BENCHMARKS.md).
func Order(rows []*Row, o Ordering, coll collate.Collation) {
	if len(o) == 0 {
		return
	}
	first, rest := o[0], o[1:]
	items := make([]sortItem, len(rows))
	restKeys := make([]string, len(rows)*len(rest)) // row i's at i*len(rest)
	for i, r := range rows {
		items[i] = sortItem{key: first.Field.key(r.Stage, coll), row: r, pos: i}
		for t, term := range rest {
			restKeys[i*len(rest)+t] = term.Field.key(r.Stage, coll)
		}
	}
	slices.SortFunc(items, func(a, b sortItem) int {
		if c := first.compare(a.key, b.key); c != 0 {
			return c
		}
		for t, term := range rest {
			if c := term.compare(restKeys[a.pos*len(rest)+t], restKeys[b.pos*len(rest)+t]); c != 0 {
				return c
			}
		}
		return cmp.Compare(a.pos, b.pos)
	})
	for i := range items {
		rows[i] = items[i].row
	}
}

// Compare compares two rows as [Order] sorts them: negative when a sorts before b, positive
// when after, 0 when the ordering leaves them equal (Order then keeps their input order). It
// computes the keys it needs on every call, for placing a few rows among rows already sorted.
func (o Ordering) Compare(a, b *Row, coll collate.Collation) int {
	for _, t := range o {
		if c := t.compare(t.Field.key(a.Stage, coll), t.Field.key(b.Stage, coll)); c != 0 {
			return c
		}
	}
	return 0
}

// compare compares two keys of the term's field in the term's direction.
func (t OrderTerm) compare(a, b string) int {
	if t.Descending {
		return strings.Compare(b, a)
	}
	return strings.Compare(a, b)
}

// sortItem is a row being sorted: its first sort key, kept beside it so most comparisons read
// nothing else, and its position before sorting, the tie-breaker that makes [Order] stable and
// the index of its other keys.
type sortItem struct {
	key string
	row *Row
	pos int
}

// key is the field's value as a string that sorts as the field does under the collation c
// (false before true).
func (f Field) key(s *fixtures.UserLoginStage, c collate.Collation) string {
	switch f {
	case FieldPK:
		return s.PK
	case FieldName:
		return c.Key(s.Name)
	case FieldSessionDuration:
		return c.Key(s.SessionDuration)
	case FieldTerminateOtherSessions:
		if s.TerminateOtherSessions {
			return "1"
		}
		return "0"
	case FieldRememberMeOffset:
		return c.Key(s.RememberMeOffset)
	case FieldNetworkBinding:
		return c.Key(s.NetworkBinding)
	case FieldGeoIPBinding:
		return c.Key(s.GeoIPBinding)
	}
	return ""
}
