package query

import (
	"sort"
	"strings"
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

// Order sorts rows in place by the ordering. Strings compare as PostgreSQL compares them under
// the C collation of authentik's official image (byte order), booleans false before true, pk
// as the UUID's bytes (its lower-case hex text sorts the same). The sort is stable: rows with
// equal keys keep their order (PostgreSQL leaves it unspecified).
func Order(rows []*Row, o Ordering) {
	sort.SliceStable(rows, func(i, j int) bool {
		a, b := rows[i].Stage, rows[j].Stage
		for _, t := range o {
			c := 0
			switch t.Field {
			case FieldPK:
				c = strings.Compare(a.PK, b.PK)
			case FieldName:
				c = strings.Compare(a.Name, b.Name)
			case FieldSessionDuration:
				c = strings.Compare(a.SessionDuration, b.SessionDuration)
			case FieldTerminateOtherSessions:
				c = compareBool(a.TerminateOtherSessions, b.TerminateOtherSessions)
			case FieldRememberMeOffset:
				c = strings.Compare(a.RememberMeOffset, b.RememberMeOffset)
			case FieldNetworkBinding:
				c = strings.Compare(a.NetworkBinding, b.NetworkBinding)
			case FieldGeoIPBinding:
				c = strings.Compare(a.GeoIPBinding, b.GeoIPBinding)
			}
			if t.Descending {
				c = -c
			}
			if c != 0 {
				return c < 0
			}
		}
		return false
	})
}

func compareBool(a, b bool) int {
	switch {
	case a == b:
		return 0
	case !a:
		return -1
	default:
		return 1
	}
}
